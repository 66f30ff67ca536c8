import type { ScheduledJob } from '../scheduler/job';
import type { AuditService } from './audit.service';

/** Daily retention of the audit log (AUDIT_LOG_RETENTION_DAYS). */
export class PruneAuditLogJob implements ScheduledJob {
  readonly name = 'prune_audit_log';
  readonly description = 'Deletes audit log rows older than the retention period';
  readonly defaultIntervalMinutes = 1440;

  constructor(
    private readonly audit: AuditService,
    private readonly retentionDays: number,
  ) {}

  async run(): Promise<string> {
    const removed = await this.audit.pruneOlderThan(this.retentionDays);
    return `removed ${removed} row(s) older than ${this.retentionDays} days`;
  }
}
