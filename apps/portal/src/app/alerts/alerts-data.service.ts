import { Injectable, inject } from '@angular/core';
import { AlertsService } from '@copilot/client';
import { AlertSeverity, AlertStatus, ApiResult, settle } from '@copilot/ui';

export type Alert = ApiResult<AlertsService, 'alertsGet'>;
export type AlertSummary = ApiResult<AlertsService, 'alertsList'>['items'][number];
export type AlertPage = ApiResult<AlertsService, 'alertsList'>;
export type AlertCounts = ApiResult<AlertsService, 'alertsCounts'>;

/** The portal's alert filters, all in the URL: status chips, severity, one of the user's customers, title text. */
export interface PortalAlertFilter {
  status: readonly AlertStatus[];
  severity: readonly AlertSeverity[];
  customerCode: string | null;
  title: string;
}

function params(filter: PortalAlertFilter) {
  return {
    severity: filter.severity.length > 0 ? [...filter.severity] : undefined,
    customerCode: filter.customerCode ?? undefined,
    title: filter.title || undefined,
  };
}

/**
 * Alert calls of the portal, through the generated client. A customer user reads alerts of their own
 * customers, comments, and moves the status; the api refuses anything else for this role.
 */
@Injectable({ providedIn: 'root' })
export class PortalAlertsData {
  private readonly api = inject(AlertsService);

  list(filter: PortalAlertFilter, cursor: string | null, limit: number): Promise<AlertPage> {
    return settle(
      this.api.alertsList({
        ...params(filter),
        status: filter.status.length > 0 ? [...filter.status] : undefined,
        limit,
        cursor: cursor ?? undefined,
      }),
    );
  }

  counts(filter: PortalAlertFilter): Promise<AlertCounts> {
    return settle(this.api.alertsCounts(params(filter)));
  }

  get(id: number): Promise<Alert> {
    return settle(this.api.alertsGet({ id }));
  }

  /** Sends the version the user saw as If-Match; the api answers 412 when the SOC changed the alert in between. */
  setStatus(id: number, version: number, status: AlertStatus): Promise<AlertSummary> {
    return settle(this.api.alertsUpdate({ id, 'if-match': `"${version}"`, body: { status } }));
  }

  comment(id: number, body: string): Promise<void> {
    return settle(this.api.alertsComment({ id, body: { body } })).then(() => undefined);
  }
}
