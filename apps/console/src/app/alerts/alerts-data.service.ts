import { Injectable, inject } from '@angular/core';
import { AlertsService, CustomersService, UsersService } from '@copilot/client';
import { ApiParams, ApiResult, settle } from '@copilot/ui';
import { AlertFilter } from './alert-filter';

export type Alert = ApiResult<AlertsService, 'alertsGet'>;
export type AlertSummary = ApiResult<AlertsService, 'alertsList'>['items'][number];
export type AlertPage = ApiResult<AlertsService, 'alertsList'>;
export type AlertCounts = ApiResult<AlertsService, 'alertsCounts'>;
export type AlertComment = Alert['comments'][number];
export type AlertEvent = Alert['timeline'][number];
export type AlertPatch = ApiParams<AlertsService, 'alertsUpdate'>['body'];
export type AlertDocument = ApiResult<AlertsService, 'alertsOccurrenceDocument'>;
export type AssignableUser = ApiResult<UsersService, 'usersAssignable'>[number];
type ListParams = ApiParams<AlertsService, 'alertsList'>;
type CountParams = ApiParams<AlertsService, 'alertsCounts'>;

export interface CustomerOption {
  customerCode: string;
  name: string;
}

/** The query parameters both the list and the counts take, from the URL filter (status aside). */
function filterParams(filter: AlertFilter, now: Date): CountParams {
  const range = filter.range;
  return {
    severity: filter.severity.length > 0 ? [...filter.severity] : undefined,
    customerCode: filter.customerCode ?? undefined,
    assigneeId: filter.assignee ?? undefined,
    verdict: filter.verdict ?? undefined,
    tag: filter.tag || undefined,
    source: filter.source || undefined,
    asset: filter.asset || undefined,
    ioc: filter.ioc || undefined,
    title: filter.title || undefined,
    from:
      range.kind === 'preset'
        ? new Date(now.getTime() - range.ms).toISOString()
        : range.kind === 'custom'
          ? (range.from ?? undefined)
          : undefined,
    to: range.kind === 'custom' ? (range.to ?? undefined) : undefined,
  };
}

/** Alert calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class AlertsData {
  private readonly api = inject(AlertsService);
  private readonly users = inject(UsersService);
  private readonly customers = inject(CustomersService);

  /** One page, newest event first; `now` anchors a relative time range ("last 24 hours") for every page. */
  list(filter: AlertFilter, cursor: string | null, limit: number, now: Date): Promise<AlertPage> {
    const params: ListParams = {
      ...filterParams(filter, now),
      status: filter.status.length > 0 ? [...filter.status] : undefined,
      limit,
      cursor: cursor ?? undefined,
    };
    return settle(this.api.alertsList(params));
  }

  /** Per-status counts under the same filters (the api ignores the status filter here). */
  counts(filter: AlertFilter, now: Date): Promise<AlertCounts> {
    return settle(this.api.alertsCounts(filterParams(filter, now)));
  }

  get(id: number): Promise<Alert> {
    return settle(this.api.alertsGet({ id }));
  }

  /** Sends the version the user saw as If-Match; the api answers 412 when someone changed the alert in between. */
  patch(id: number, version: number, body: AlertPatch): Promise<AlertSummary> {
    return settle(this.api.alertsUpdate({ id, 'if-match': `"${version}"`, body }));
  }

  /** One of the alert's own indexer documents (an occurrence ref), fetched only when asked for. */
  document(id: number, indexName: string, docId: string): Promise<AlertDocument> {
    return settle(this.api.alertsOccurrenceDocument({ id, indexName, docId }));
  }

  comment(id: number, body: string): Promise<AlertComment> {
    return settle(this.api.alertsComment({ id, body: { body } }));
  }

  remove(id: number): Promise<void> {
    return settle(this.api.alertsDelete({ id })).then(() => undefined);
  }

  /** Enabled admins and analysts: who alerts can be assigned to. */
  assignable(): Promise<AssignableUser[]> {
    return settle(this.users.usersAssignable());
  }

  /** Customers matching a search, for the customer filter (one short page, never the whole table). */
  async searchCustomers(q: string): Promise<CustomerOption[]> {
    const page = await settle(this.customers.customersList({ limit: 20, q: q || undefined }));
    return page.items.map((c) => ({ customerCode: c.customerCode, name: c.name }));
  }
}
