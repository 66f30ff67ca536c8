import { Injectable, inject } from '@angular/core';
import { CustomersService } from '@copilot/client';
import { ApiParams, ApiResult, CursorPage, settle } from '@copilot/ui';

export type Customer = ApiResult<CustomersService, 'customersGet'>;
export type CustomerCreate = ApiParams<CustomersService, 'customersCreate'>['body'];
export type CustomerUpdate = ApiParams<CustomersService, 'customersUpdate'>['body'];

export interface CustomerFilter {
  q: string;
  includeInactive: boolean;
}

/** Customer calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class CustomersData {
  private readonly api = inject(CustomersService);

  list(filter: CustomerFilter, cursor: string | null, limit: number): Promise<CursorPage<Customer>> {
    return settle(
      this.api.customersList({
        limit,
        cursor: cursor ?? undefined,
        q: filter.q || undefined,
        includeInactive: filter.includeInactive || undefined,
      }),
    );
  }

  get(id: number): Promise<Customer> {
    return settle(this.api.customersGet({ id }));
  }

  create(body: CustomerCreate): Promise<Customer> {
    return settle(this.api.customersCreate({ body }));
  }

  /** Sends the version the user edited as If-Match; the api answers 412 when someone saved in between. */
  update(id: number, version: number, body: CustomerUpdate): Promise<Customer> {
    return settle(this.api.customersUpdate({ id, 'if-match': `"${version}"`, body }));
  }

  activate(id: number): Promise<void> {
    return settle(this.api.customersActivate({ id })).then(() => undefined);
  }

  deactivate(id: number): Promise<void> {
    return settle(this.api.customersDeactivate({ id })).then(() => undefined);
  }

  remove(id: number): Promise<void> {
    return settle(this.api.customersDelete({ id })).then(() => undefined);
  }
}
