import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { TenantScope } from '../tenancy/tenancy';

export const ROLES = ['admin', 'analyst', 'scheduler', 'customer_user'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as re-read from the database on this request (not from the token). */
export interface Principal {
  id: number;
  username: string;
  role: Role;
  scope: TenantScope;
}

export const IS_PUBLIC = 'copilot:isPublic';
export const REQUIRED_SCOPES = 'copilot:scopes';

/**
 * Opt a route out of the global deny-by-default guard. Also marks the operation `x-public` in the
 * OpenAPI document, which the generated access-matrix test reads.
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/**
 * The roles allowed to call a route (any of them). Without it, any signed-in role may call.
 * Published as `x-scopes` in the OpenAPI document so the generated 403 matrix follows the code.
 */
export const Scopes = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, roles), ApiExtension('x-scopes', roles));

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** Injects the request's principal into a handler parameter. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a public route');
  return req.principal;
});
