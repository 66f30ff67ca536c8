import { Injectable, inject } from '@angular/core';
import { ConnectorsService, CustomersService } from '@copilot/client';
import { ApiParams, ApiResult, CursorPage, settle } from '@copilot/ui';

export type Connector = ApiResult<ConnectorsService, 'connectorsGet'>;
export type ConnectorName = Connector['name'];
export type ConnectorUpdate = ApiParams<ConnectorsService, 'connectorsUpdate'>['body'];
export type ConnectorCreate = ApiParams<ConnectorsService, 'connectorsCreate'>['body'];
export type ConnectorFile = ApiParams<ConnectorsService, 'connectorsUploadFile'>['body'];
export type VerifyResult = ApiResult<ConnectorsService, 'connectorsVerify'>;

export interface CustomerOption {
  customerCode: string;
  name: string;
}

/** Connector calls of the console, through the generated client. Secrets only ever travel towards the api. */
@Injectable({ providedIn: 'root' })
export class ConnectorsData {
  private readonly api = inject(ConnectorsService);
  private readonly customers = inject(CustomersService);

  list(cursor: string | null, limit: number): Promise<CursorPage<Connector>> {
    return settle(this.api.connectorsList({ limit, cursor: cursor ?? undefined }));
  }

  get(id: number): Promise<Connector> {
    return settle(this.api.connectorsGet({ id }));
  }

  verify(id: number): Promise<VerifyResult> {
    return settle(this.api.connectorsVerify({ id }));
  }

  /** Sends the version the user edited as If-Match; the api answers 412 when someone saved in between. */
  update(id: number, version: number, body: ConnectorUpdate): Promise<Connector> {
    return settle(this.api.connectorsUpdate({ id, 'if-match': `"${version}"`, body }));
  }

  create(body: ConnectorCreate): Promise<Connector> {
    return settle(this.api.connectorsCreate({ body }));
  }

  uploadFile(id: number, body: ConnectorFile): Promise<Connector> {
    return settle(this.api.connectorsUploadFile({ id, body }));
  }

  remove(id: number): Promise<void> {
    return settle(this.api.connectorsDelete({ id })).then(() => undefined);
  }

  /** Customers matching a search, for the "add instance" picker (one short page, never the whole table). */
  async searchCustomers(q: string): Promise<CustomerOption[]> {
    const page = await settle(this.customers.customersList({ limit: 20, q: q || undefined }));
    return page.items.map((c) => ({ customerCode: c.customerCode, name: c.name }));
  }
}
