import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Public } from '@copilot/api-core';
import { AuthService } from './auth.service';
import { ChangePasswordDto, MeDto, TokenRequestDto, TokenResponseDto } from './dto/auth.dto';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ operationId: 'authToken', summary: 'Sign in (OAuth2 password grant) and get an access token' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401, 403, 429)
  token(@Body() dto: TokenRequestDto, @Ip() ip: string): Promise<TokenResponseDto> {
    return this.auth.login(dto.username, dto.password, ip, dto.client_id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'authMe', summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentPrincipal() p: Principal): Promise<MeDto> {
    return this.auth.me(p);
  }

  @Get('refresh')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'authRefresh', summary: 'A fresh token while the current one is still valid' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(401)
  refresh(@CurrentPrincipal() p: Principal): Promise<TokenResponseDto> {
    return this.auth.refresh(p);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'authChangePassword', summary: 'Change one\'s own password (requires the current one)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.auth.changeOwnPassword(p, dto.currentPassword, dto.newPassword);
  }
}
