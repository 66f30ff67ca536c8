import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { AssignableUserDto, CreateUserDto, ListUsersQuery, ResetPasswordDto, SetCustomersDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('Users')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersList', summary: 'List users' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { items: page.items, nextCursor: page.nextCursor, total: page.total ?? 0 };
  }

  @Get('assignable')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'usersAssignable', summary: 'Users that alerts and cases can be assigned to' })
  @ApiOkResponse({ type: [AssignableUserDto] })
  assignable(): Promise<AssignableUserDto[]> {
    return this.users.assignable();
  }

  @Post()
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersCreate', summary: 'Create a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Get(':id')
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersGet', summary: 'Get a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersUpdate', summary: 'Change a user\'s name, email, role or disabled flag' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto, @CurrentPrincipal() p: Principal): Promise<UserDto> {
    return this.users.update(id, dto, p);
  }

  @Put(':id/customers')
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersSetCustomers', summary: 'Set the customers a user may see' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  setCustomers(@Param('id', ParseIdPipe) id: number, @Body() dto: SetCustomersDto): Promise<UserDto> {
    return this.users.setCustomers(id, dto.customerCodes);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersResetPassword', summary: 'Set a new password for a user' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async resetPassword(@Param('id', ParseIdPipe) id: number, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.setPassword(id, dto.password, { field: 'password' });
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiOperation({ operationId: 'usersDelete', summary: 'Delete a user (never the last admin)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.users.delete(id, p);
  }
}
