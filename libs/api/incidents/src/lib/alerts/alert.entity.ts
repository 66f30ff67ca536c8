import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import {
  BoolColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, IntIdColumn, RowVersionColumn, StringColumn, TextColumn, UpdatedAtColumn,
} from '@copilot/api-core';
import { Customer } from '@copilot/api-customers';
import { User } from '@copilot/api-users';
import { ALERT_SEVERITIES, ALERT_STATUSES, AlertSeverity, AlertStatus, Verdict, VERDICT_REASONS, VerdictReason, VERDICTS } from './alert.types';

/**
 * A tenant-owned alert. The list indexes end in (last_event_at, id), the default keyset, so each
 * common filter (customer+status, status, assignee, source) pages without a sort over the table.
 * The external-id index is unique; NULLs never collide on either dialect, so only pushed alerts
 * that carry an external id are deduplicated by it.
 */
@Entity('alerts')
@Index('ux_alerts_external', ['source', 'customerCode', 'externalId'], { unique: true })
@Index('ix_alerts_customer_status_last', ['customerCode', 'status', 'lastEventAt', 'id'])
@Index('ix_alerts_status_last', ['status', 'lastEventAt', 'id'])
@Index('ix_alerts_last', ['lastEventAt', 'id'])
@Index('ix_alerts_assignee_last', ['assigneeId', 'lastEventAt', 'id'])
@Index('ix_alerts_source_last', ['source', 'lastEventAt', 'id'])
@Index('ix_alerts_dedup', ['dedupKey', 'id'])
export class Alert {
  @IntIdColumn()
  id!: number;

  @StringColumn(512)
  title!: string;

  @TextColumn({ nullable: true })
  description!: string | null;

  @EnumColumn(ALERT_STATUSES, { default: 'OPEN' })
  status!: AlertStatus;

  @DateTimeColumn({ name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @EnumColumn(ALERT_SEVERITIES)
  severity!: AlertSeverity;

  @StringColumn(64)
  source!: string;

  @StringColumn(32, { name: 'customer_code' })
  customerCode!: string;

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_code', referencedColumnName: 'customerCode', foreignKeyConstraintName: 'fk_alerts_customer' })
  customer?: Customer;

  @IntColumn({ name: 'assignee_id', nullable: true })
  assigneeId!: number | null;

  // Deleting a user un-assigns their alerts instead of blocking the deletion.
  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_alerts_assignee' })
  assignee?: User | null;

  @BoolColumn({ default: false })
  escalated!: boolean;

  @EnumColumn(VERDICTS, { nullable: true })
  verdict!: Verdict | null;

  @EnumColumn(VERDICT_REASONS, { name: 'verdict_reason', nullable: true })
  verdictReason!: VerdictReason | null;

  @StringColumn(1024, { name: 'verdict_note', nullable: true })
  verdictNote!: string | null;

  /** Username at the time, so the record survives the user's later rename or deletion. */
  @StringColumn(64, { name: 'verdict_by', nullable: true })
  verdictBy!: string | null;

  @DateTimeColumn({ name: 'verdict_at', nullable: true })
  verdictAt!: Date | null;

  @IntColumn({ default: 1 })
  occurrences!: number;

  @DateTimeColumn({ name: 'first_event_at' })
  firstEventAt!: Date;

  @DateTimeColumn({ name: 'last_event_at' })
  lastEventAt!: Date;

  @DateTimeColumn({ name: 'last_seen_at' })
  lastSeenAt!: Date;

  @StringColumn(128, { name: 'rule_id', nullable: true })
  ruleId!: string | null;

  /** Hash of customer + the source's dedup fields; the newest alert of a key is the one repeats bump. */
  @StringColumn(64, { name: 'dedup_key', nullable: true })
  dedupKey!: string | null;

  @StringColumn(255, { name: 'external_id', nullable: true })
  externalId!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}
