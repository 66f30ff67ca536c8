import type { CreateUserDto } from '@copilot/client';
import type { Role } from '@copilot/ui';

/** Roles an admin can give (the scheduler service account is created by the api itself). */
export type AssignableRole = CreateUserDto['role'];

/** Same rule as the api: 3–64 letters, digits, ., _, @ or -, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  scheduler: 'Scheduler (service account)',
  customer_user: 'Customer user',
};

export const ASSIGNABLE_ROLES: readonly AssignableRole[] = ['admin', 'analyst', 'customer_user'];

export function isAssignableRole(role: string): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}

/** Roles whose data access is limited by a customer list. */
export function usesCustomerAccess(role: Role | null | undefined): boolean {
  return role === 'analyst' || role === 'customer_user';
}

/** Human label of a role; unknown roles (added later on the server) show as sent. */
export function roleLabel(role: string): string {
  return role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role;
}
