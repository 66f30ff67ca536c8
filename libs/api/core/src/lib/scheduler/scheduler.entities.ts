import { Entity, Index, PrimaryColumn } from 'typeorm';
import { BoolColumn, CreatedAtColumn, DateTimeColumn, EnumColumn, IntColumn, StringColumn, TextColumn, UpdatedAtColumn, UuidEntity } from '../database/columns';

/** Per-job settings and last outcome; boot adds missing rows and never resets an operator's choice. */
@Entity('job_metadata')
export class JobMetadata {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @StringColumn(255)
  description!: string;

  @BoolColumn()
  enabled!: boolean;

  @IntColumn({ name: 'interval_minutes' })
  intervalMinutes!: number;

  @DateTimeColumn({ name: 'last_start', nullable: true })
  lastStart!: Date | null;

  @DateTimeColumn({ name: 'last_success', nullable: true })
  lastSuccess!: Date | null;

  @TextColumn({ name: 'last_error', nullable: true })
  lastError!: string | null;

  @DateTimeColumn({ name: 'last_error_at', nullable: true })
  lastErrorAt!: Date | null;

  @IntColumn({ name: 'last_duration_ms', nullable: true })
  lastDurationMs!: number | null;

  @DateTimeColumn({ name: 'next_run', nullable: true })
  nextRun!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['schedule', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

@Entity('job_runs')
@Index('ix_job_runs_job_started', ['jobName', 'startedAt'])
@Index('ix_job_runs_status', ['jobName', 'status'])
export class JobRun extends UuidEntity {
  @StringColumn(64, { name: 'job_name' })
  jobName!: string;

  @EnumColumn(RUN_TRIGGERS)
  trigger!: RunTrigger;

  @EnumColumn(RUN_STATUSES)
  status!: RunStatus;

  @DateTimeColumn({ name: 'started_at' })
  startedAt!: Date;

  @DateTimeColumn({ name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @IntColumn({ name: 'duration_ms', nullable: true })
  durationMs!: number | null;

  @StringColumn(500, { nullable: true })
  summary!: string | null;

  @TextColumn({ nullable: true })
  error!: string | null;

  @IntColumn({ name: 'actor_id', nullable: true })
  actorId!: number | null;

  @StringColumn(128, { name: 'actor_username', nullable: true })
  actorUsername!: string | null;
}

/** A named lease (row with owner and expiry): whoever holds an unexpired lease runs the work. */
@Entity('leases')
export class Lease {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  name!: string;

  @StringColumn(128)
  owner!: string;

  @DateTimeColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
