import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError, NotFoundError } from '../errors/domain-errors';

/**
 * The request's tenant scope, read from the database (the user's customer access), never from
 * token claims. `all`: admins, and analysts with no customer list. `some`: the listed codes only
 * (an empty list sees nothing, which is what a customer_user without access gets).
 */
export type TenantScope = { kind: 'all' } | { kind: 'some'; codes: readonly string[] };

export const ALL_TENANTS: TenantScope = { kind: 'all' };

export function canSeeCustomer(scope: TenantScope, customerCode: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  return customerCode != null && scope.codes.includes(customerCode);
}

/**
 * The scope left once a request filters on customers: only the codes both asked for and visible. Lists apply it
 * instead of the scope plus a separate customer condition, so the customer column carries one condition and not
 * the scope's whole IN list beside the filter (on the hot list paths the server planned the pair measurably slower).
 */
export function narrowScope(scope: TenantScope, codes: string | readonly string[] | null | undefined): TenantScope {
  const asked = typeof codes === 'string' ? [codes] : (codes ?? []);
  if (asked.length === 0) return scope;
  return { kind: 'some', codes: asked.filter((code) => canSeeCustomer(scope, code)) };
}

let paramSeq = 0;

/**
 * THE tenancy helper: every query over customer-owned rows goes through this. Adds
 * `alias.column IN (:codes)` for a limited scope (or a never-true condition for an empty one).
 */
export function scopeQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: TenantScope,
  column = `${qb.alias}.customerCode`,
): SelectQueryBuilder<T> {
  if (scope.kind === 'all') return qb;
  if (scope.codes.length === 0) return qb.andWhere('1 = 0');
  const param = `tenantCodes${++paramSeq % 1_000_000}`;
  return qb.andWhere(`${column} IN (:...${param})`, { [param]: [...scope.codes] });
}

/** An id outside the caller's scope answers exactly like a missing one: 404. */
export function assertVisible<T>(row: T | null | undefined, scope: TenantScope, codeOf: (row: T) => string | null, what: string, id: unknown): T {
  if (!row || !canSeeCustomer(scope, codeOf(row))) throw new NotFoundError(`${what} ${String(id)} not found`);
  return row;
}

/**
 * A create or filter naming a customer outside the scope answers the same 400 as an unknown
 * customer, so the answer never reveals which customers exist.
 */
export function assertCustomerInScope(scope: TenantScope, customerCode: string, field = 'customerCode'): void {
  if (!canSeeCustomer(scope, customerCode)) throw unknownCustomer(customerCode, field);
}

export function unknownCustomer(customerCode: string, field = 'customerCode'): BadInputError {
  return new BadInputError(`Unknown customer "${customerCode}"`, [{ field, message: `unknown customer "${customerCode}"` }]);
}

/** scopeQuery for hand-written SQL (hot list paths): the condition and its positional parameters. */
export function scopeSql(scope: TenantScope, column: string): { sql: string; params: string[] } {
  if (scope.kind === 'all') return { sql: '1=1', params: [] };
  if (scope.codes.length === 0) return { sql: '1=0', params: [] };
  return { sql: `${column} IN (${scope.codes.map(() => '?').join(', ')})`, params: [...scope.codes] };
}
