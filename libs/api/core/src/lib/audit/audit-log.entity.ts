import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, EnumColumn, IntColumn, StringColumn } from '../database/columns';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Append-only: nothing updates a row; only the retention job deletes old ones. */
@Entity('audit_log')
@Index('ix_audit_log_at', ['at'])
@Index('ix_audit_log_actor', ['actorId', 'id'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @DateTimeColumn()
  at!: Date;

  @IntColumn({ name: 'actor_id', nullable: true })
  actorId!: number | null;

  /** Username at the time (or the name tried, for a failed login). */
  @StringColumn(128, { name: 'actor_username', nullable: true })
  actorUsername!: string | null;

  /** e.g. `auth.login`, `POST /api/customers/:id/deactivate`. */
  @StringColumn(160)
  action!: string;

  @StringColumn(64, { nullable: true })
  entity!: string | null;

  @StringColumn(64, { name: 'entity_id', nullable: true })
  entityId!: string | null;

  @EnumColumn(AUDIT_OUTCOMES)
  outcome!: AuditOutcome;

  @IntColumn({ name: 'status_code', nullable: true })
  statusCode!: number | null;

  @StringColumn(64, { nullable: true })
  ip!: string | null;

  @StringColumn(500, { nullable: true })
  detail!: string | null;
}
