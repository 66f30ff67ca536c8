import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ForbiddenError, IS_PUBLIC, REQUIRED_SCOPES, RequestWithPrincipal, Role, UnauthorizedError } from '@copilot/api-core';
import { UsersService } from '@copilot/api-users';
import type { JwtClaims } from './auth.service';

const challenge = { 'WWW-Authenticate': 'Bearer' };
/** Verified tokens remembered before the memory starts over. */
const VERIFIED_MAX = 10_000;

/**
 * The global guard: every route needs a valid token unless marked @Public(); @Scopes() narrows
 * the roles. The user row is re-read (briefly cached), so disabling an account or changing its
 * role takes effect on the next request, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature already checked out, with their claims: a client sends the same token on every
   * request, and checking its HMAC and parsing its claims each time was a twentieth of a list request's CPU.
   * Keyed by the whole token, signature included, so only what verified is trusted; expiry is checked on every
   * use, and the account is re-read below as before.
   */
  private readonly verified = new Map<string, JwtClaims>();

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
    const claims = await this.claimsOf(match[1]);
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

  private async claimsOf(token: string): Promise<JwtClaims> {
    const known = this.verified.get(token);
    if (known && Math.floor(Date.now() / 1000) < known.exp) return known;
    this.verified.delete(token);
    let claims: JwtClaims;
    try {
      // Only HS256: a token claiming alg "none" or any other algorithm is refused.
      claims = await this.jwt.verifyAsync<JwtClaims>(token, { algorithms: ['HS256'] });
    } catch (err) {
      throw new UnauthorizedError(err instanceof TokenExpiredError ? 'Token expired' : 'Invalid token', [], challenge);
    }
    if (typeof claims.exp === 'number') {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims;
  }
}
