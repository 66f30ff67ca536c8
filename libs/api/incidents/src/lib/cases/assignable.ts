import { BadInputError } from '@copilot/api-core';
import type { UsersService } from '@copilot/api-users';

/** Who may be assigned alerts and cases: enabled admins and analysts (the alerts' rule too). */
const ASSIGNABLE_ROLES = new Set(['admin', 'analyst']);

export async function isAssignable(users: UsersService, userId: number): Promise<boolean> {
  const user = await users.findById(userId);
  return !!user && !user.disabled && ASSIGNABLE_ROLES.has(user.role);
}

export async function assertAssignable(users: UsersService, userId: number, field = 'assigneeId'): Promise<void> {
  if (!(await isAssignable(users, userId))) {
    throw new BadInputError(`User ${userId} cannot be assigned`, [{ field, message: 'must be an enabled admin or analyst' }]);
  }
}
