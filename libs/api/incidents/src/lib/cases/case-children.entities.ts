import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BoolColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, IntIdColumn, StringColumn, TextColumn, UpdatedAtColumn } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import { Case } from './case.entity';
import { CASE_EVENT_KINDS, CaseEventKind, TASK_STATUSES, TASK_TITLE_MAX, TaskStatus } from './case.types';

/**
 * An alert linked to a case (many-to-many). Deleting a case drops its links; deleting a linked
 * alert is refused by the service (409 naming the cases) and, as a backstop, by RESTRICT here.
 */
@Entity('case_alerts')
@Index('ix_case_alerts_alert', ['alertId', 'caseId'])
export class CaseAlert {
  @PrimaryColumn({ type: 'int', name: 'case_id' })
  caseId!: number;

  @PrimaryColumn({ type: 'int', name: 'alert_id' })
  alertId!: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_alerts_case' })
  case?: Case;

  @ManyToOne(() => Alert, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_case_alerts_alert' })
  alert?: Alert;

  @DateTimeColumn({ name: 'linked_at' })
  linkedAt!: Date;

  /** Username at the time, so the record survives the user's later rename or deletion. */
  @StringColumn(64, { name: 'linked_by' })
  linkedBy!: string;
}

/** Author from the token, time from the server clock; no FK on the author (see AlertComment). */
@Entity('case_comments')
@Index('ix_case_comments_case', ['caseId', 'id'])
export class CaseComment {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'case_id' })
  caseId!: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_comments_case' })
  case?: Case;

  @IntColumn({ name: 'author_id', nullable: true })
  authorId!: number | null;

  @StringColumn(64, { name: 'author_username' })
  authorUsername!: string;

  @TextColumn()
  body!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A task of a case; a mandatory one may be done but never waved off as NOT_NECESSARY. */
@Entity('case_tasks')
@Index('ix_case_tasks_case', ['caseId', 'id'])
export class CaseTask {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'case_id' })
  caseId!: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_tasks_case' })
  case?: Case;

  @StringColumn(TASK_TITLE_MAX)
  title!: string;

  @TextColumn({ nullable: true })
  description!: string | null;

  @EnumColumn(TASK_STATUSES, { default: 'TODO' })
  status!: TaskStatus;

  @BoolColumn({ default: false })
  mandatory!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** The case timeline, append-only, written in the same transaction as the change it records. */
@Entity('case_events')
@Index('ix_case_events_case', ['caseId', 'id'])
export class CaseEvent {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'case_id' })
  caseId!: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_events_case' })
  case?: Case;

  @IntColumn({ name: 'actor_id', nullable: true })
  actorId!: number | null;

  @StringColumn(64, { name: 'actor_username', nullable: true })
  actorUsername!: string | null;

  @EnumColumn(CASE_EVENT_KINDS)
  kind!: CaseEventKind;

  /** The alert, task, comment or template the event is about. */
  @IntColumn({ name: 'ref_id', nullable: true })
  refId!: number | null;

  @TextColumn({ name: 'from_value', nullable: true })
  fromValue!: string | null;

  @TextColumn({ name: 'to_value', nullable: true })
  toValue!: string | null;

  @DateTimeColumn()
  at!: Date;
}
