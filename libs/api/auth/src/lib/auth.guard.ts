import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ForbiddenError, IS_PUBLIC, REQUIRED_SCOPES, RequestWithPrincipal, Role, UnauthorizedError } from '@copilot/api-core';
import { UsersService } from '@copilot/api-users';
import type { JwtClaims } from './auth.service';

const challenge = { 'WWW-Authenticate': 'Bearer' };

/**
 * The global guard: every route needs a valid token unless marked @Public(); @Scopes() narrows
 * the roles. The user row is re-read (briefly cached), so disabling an account or changing its
 * role takes effect on the next request, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal & { headers: Record<string, string | undefined> }>();
    const header = req.headers['authorization'];
    if (!header) throw new UnauthorizedError('Missing bearer token', [], challenge);
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
    if (!match) throw new UnauthorizedError('Authorization header must be "Bearer <token>"', [], challenge);
    let claims: JwtClaims;
    try {
      // Only HS256: a token claiming alg "none" or any other algorithm is refused.
      claims = await this.jwt.verifyAsync<JwtClaims>(match[1], { algorithms: ['HS256'] });
    } catch (err) {
      throw new UnauthorizedError(err instanceof TokenExpiredError ? 'Token expired' : 'Invalid token', [], challenge);
    }
    const id = Number(claims.sub);
    if (!Number.isInteger(id) || id < 1) throw new UnauthorizedError('Invalid token', [], challenge);
    const principal = await this.users.principalFor(id);
    if (!principal) throw new UnauthorizedError('Account is disabled or no longer exists', [], challenge);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_SCOPES, targets);
    if (allowed && !allowed.includes(principal.role)) {
      req.principal = principal;
      throw new ForbiddenError(`This action requires one of these roles: ${allowed.join(', ')}`);
    }
    req.principal = principal;
    return true;
  }
}
