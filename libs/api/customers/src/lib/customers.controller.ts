import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, CustomerDto, CustomerPageDto, ListCustomersQuery, PatchCustomerDto } from './dto/customer.dto';

@ApiTags('Customers')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'customersList', summary: 'List customers within the caller\'s scope' })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListCustomersQuery, @CurrentPrincipal() p: Principal): Promise<CustomerPageDto> {
    const page = await this.customers.list(query, p.scope);
    return { items: page.items, nextCursor: page.nextCursor, total: page.total ?? 0 };
  }

  @Post()
  @Scopes('admin')
  @ApiOperation({ operationId: 'customersCreate', summary: 'Create a customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateCustomerDto, @CurrentPrincipal() p: Principal): Promise<CustomerDto> {
    return this.customers.create(dto, p);
  }

  @Get(':id')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'customersGet', summary: 'Get a customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<CustomerDto> {
    return this.customers.get(id, p.scope);
  }

  @Patch(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'customersUpdate', summary: 'Update a customer\'s details (the code is fixed)' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 404, 412)
  @ApiIfMatch()
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PatchCustomerDto,
    @CurrentPrincipal() p: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CustomerDto> {
    return this.customers.update(id, dto, p, parseIfMatch(ifMatch));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'customersDeactivate', summary: 'Deactivate a customer (keeps its data)' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 404)
  deactivate(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<CustomerDto> {
    return this.customers.setActive(id, false, p);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'customersActivate', summary: 'Reactivate a customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 404)
  activate(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<CustomerDto> {
    return this.customers.setActive(id, true, p);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin')
  @ApiOperation({ operationId: 'customersDelete', summary: 'Delete a customer that owns no data (409 otherwise: deactivate it)' })
  @ApiProblems(400, 404, 409)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.customers.delete(id, p);
  }
}
