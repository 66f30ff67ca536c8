import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, IntIdColumn, StringColumn, TextColumn } from '@copilot/api-core';
import { Alert } from './alert.entity';
import { ALERT_EVENT_KINDS, AlertEventKind, TAG_MAX_LENGTH } from './alert.types';

/** One tag of an alert; the (tag, alert) index serves the list's tag filter. */
@Entity('alert_tags')
@Index('ix_alert_tags_tag', ['tag', 'alertId'])
export class AlertTag {
  @PrimaryColumn({ type: 'int', name: 'alert_id' })
  alertId!: number;

  @PrimaryColumn({ type: 'varchar', length: TAG_MAX_LENGTH })
  tag!: string;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_tags_alert' })
  alert?: Alert;
}

/**
 * Author id and username come from the token, the time from the server clock. No foreign key on
 * the author: a comment outlives its author's account, and the username keeps it attributable.
 */
@Entity('alert_comments')
@Index('ix_alert_comments_alert', ['alertId', 'id'])
export class AlertComment {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'alert_id' })
  alertId!: number;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_comments_alert' })
  alert?: Alert;

  @IntColumn({ name: 'author_id', nullable: true })
  authorId!: number | null;

  @StringColumn(64, { name: 'author_username' })
  authorUsername!: string;

  @TextColumn()
  body!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * The alert timeline: who changed what, when. Append-only and never back-filled, which is why it
 * is written in the same transaction as the change (MTTx metrics are computed from it later).
 */
@Entity('alert_events')
@Index('ix_alert_events_alert', ['alertId', 'id'])
export class AlertEvent {
  @IntIdColumn()
  id!: number;

  @IntColumn({ name: 'alert_id' })
  alertId!: number;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_events_alert' })
  alert?: Alert;

  @IntColumn({ name: 'actor_id', nullable: true })
  actorId!: number | null;

  @StringColumn(64, { name: 'actor_username', nullable: true })
  actorUsername!: string | null;

  @EnumColumn(ALERT_EVENT_KINDS)
  kind!: AlertEventKind;

  @TextColumn({ name: 'from_value', nullable: true })
  fromValue!: string | null;

  @TextColumn({ name: 'to_value', nullable: true })
  toValue!: string | null;

  @DateTimeColumn()
  at!: Date;
}
