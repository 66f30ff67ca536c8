import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { AuditLogEntry, AuditOutcome } from './audit-log.entity';

export interface AuditRecord {
  actorId?: number | null;
  actorUsername?: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  outcome: AuditOutcome;
  statusCode?: number | null;
  ip?: string | null;
  detail?: string | null;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends one row. Audit failures are logged, never thrown into the caller's request. */
  async record(r: AuditRecord): Promise<void> {
    try {
      await this.db
        .createQueryBuilder()
        .insert()
        .into(AuditLogEntry)
        .values({
          at: new Date(),
          actorId: r.actorId ?? null,
          actorUsername: r.actorUsername?.slice(0, 128) ?? null,
          action: r.action.slice(0, 160),
          entity: r.entity ?? null,
          entityId: r.entityId?.slice(0, 64) ?? null,
          outcome: r.outcome,
          statusCode: r.statusCode ?? null,
          ip: r.ip ?? null,
          detail: r.detail?.slice(0, 500) ?? null,
        })
        .execute();
    } catch (err) {
      this.logger.error(`audit write failed for ${r.action}: ${(err as Error).message}`);
    }
  }

  /** Retention: the only deletion audit rows ever see. Returns how many were removed. */
  async pruneOlderThan(days: number): Promise<number> {
    const cutoff = new Date(Date.now() - days * 86_400_000);
    const res = await this.db.getRepository(AuditLogEntry).delete({ at: LessThan(cutoff) });
    return res.affected ?? 0;
  }
}
