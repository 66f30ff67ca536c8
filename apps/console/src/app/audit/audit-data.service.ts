import { Injectable, inject } from '@angular/core';
import { AuditService } from '@copilot/client';
import { ApiParams, ApiResult, settle } from '@copilot/ui';

export type AuditPage = ApiResult<AuditService, 'auditList'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditOutcome = NonNullable<ApiParams<AuditService, 'auditList'>['outcome']>;

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

export interface AuditFilter {
  action: string;
  outcome: AuditOutcome | null;
}

/** Audit log calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class AuditData {
  private readonly api = inject(AuditService);

  list(filter: AuditFilter, cursor: string | null, limit: number): Promise<AuditPage> {
    return settle(
      this.api.auditList({
        limit,
        cursor: cursor ?? undefined,
        action: filter.action || undefined,
        outcome: filter.outcome ?? undefined,
      }),
    );
  }
}
