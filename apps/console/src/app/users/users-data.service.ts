import { Injectable, inject } from '@angular/core';
import { CustomersService, UsersService } from '@copilot/client';
import { ApiParams, ApiResult, CursorPage, settle } from '@copilot/ui';

export type User = ApiResult<UsersService, 'usersGet'>;
export type UserCreate = ApiParams<UsersService, 'usersCreate'>['body'];
export type UserUpdate = ApiParams<UsersService, 'usersUpdate'>['body'];

export interface CustomerOption {
  customerCode: string;
  name: string;
}

/** User administration calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class UsersData {
  private readonly users = inject(UsersService);
  private readonly customers = inject(CustomersService);

  list(q: string, cursor: string | null, limit: number): Promise<CursorPage<User>> {
    return settle(this.users.usersList({ limit, cursor: cursor ?? undefined, q: q || undefined }));
  }

  get(id: number): Promise<User> {
    return settle(this.users.usersGet({ id }));
  }

  create(body: UserCreate): Promise<User> {
    return settle(this.users.usersCreate({ body }));
  }

  update(id: number, body: UserUpdate): Promise<User> {
    return settle(this.users.usersUpdate({ id, body }));
  }

  setCustomers(id: number, customerCodes: string[]): Promise<void> {
    return settle(this.users.usersSetCustomers({ id, body: { customerCodes } })).then(() => undefined);
  }

  resetPassword(id: number, password: string): Promise<void> {
    return settle(this.users.usersResetPassword({ id, body: { password } })).then(() => undefined);
  }

  remove(id: number): Promise<void> {
    return settle(this.users.usersDelete({ id })).then(() => undefined);
  }

  /** Customers matching a search, for the customer-access picker (one short page, never the whole table). */
  async searchCustomers(q: string): Promise<CustomerOption[]> {
    const page = await settle(this.customers.customersList({ limit: 20, q: q || undefined }));
    return page.items.map((c) => ({ customerCode: c.customerCode, name: c.name }));
  }
}
