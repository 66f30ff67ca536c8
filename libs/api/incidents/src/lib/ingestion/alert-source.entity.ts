import { Entity } from 'typeorm';
import {
  BigIntColumn, BoolColumn, CreatedAtColumn, DateTimeColumn, IntColumn, IntIdColumn, JsonColumn, RowVersionColumn, StringColumn, TextColumn,
  UpdatedAtColumn,
} from '@copilot/api-core';
import type { DedupField, SourceMapping, UnattributedSample } from './source.types';

/**
 * One index pattern on one Wazuh-indexer instance (null: the global one), serving any number of customers.
 * The cursor is the last committed (event time, `_id`) and only ever moves forward, in the same transaction
 * as the alerts it produced; the counters are running totals shown on the source's status.
 */
@Entity('alert_sources')
export class AlertSource {
  @IntIdColumn()
  id!: number;

  /** Also the `source` of the alerts it creates. */
  @StringColumn(64, { unique: true })
  name!: string;

  @IntColumn({ name: 'connector_id', nullable: true })
  connectorId!: number | null;

  @StringColumn(255, { name: 'index_pattern' })
  indexPattern!: string;

  /** Extra OpenSearch filter (e.g. a minimum rule level), AND-ed with the scan's own. */
  @JsonColumn({ nullable: true })
  query!: Record<string, unknown> | null;

  @JsonColumn()
  mapping!: SourceMapping;

  @JsonColumn({ name: 'dedup_fields' })
  dedupFields!: DedupField[];

  @IntColumn({ name: 'dedup_window_minutes' })
  dedupWindowMinutes!: number;

  @IntColumn({ name: 'overlap_minutes' })
  overlapMinutes!: number;

  @IntColumn({ name: 'batch_size' })
  batchSize!: number;

  @BoolColumn({ default: true })
  enabled!: boolean;

  @BoolColumn({ name: 'write_back', default: false })
  writeBack!: boolean;

  /** Epoch millis of the cursor's event time (what OpenSearch sorts dates by). */
  @BigIntColumn({ name: 'cursor_time', nullable: true })
  cursorTime!: number | null;

  @StringColumn(255, { name: 'cursor_id', nullable: true })
  cursorId!: string | null;

  @DateTimeColumn({ name: 'last_pass_at', nullable: true })
  lastPassAt!: Date | null;

  @StringColumn(16, { name: 'last_pass_status', nullable: true })
  lastPassStatus!: 'succeeded' | 'failed' | 'skipped' | null;

  @TextColumn({ name: 'last_pass_error', nullable: true })
  lastPassError!: string | null;

  @BigIntColumn({ name: 'docs_read', default: 0 })
  docsRead!: number;

  @BigIntColumn({ name: 'alerts_created', default: 0 })
  alertsCreated!: number;

  @BigIntColumn({ name: 'alerts_bumped', default: 0 })
  alertsBumped!: number;

  @BigIntColumn({ default: 0 })
  unattributed!: number;

  @BigIntColumn({ name: 'write_back_failures', default: 0 })
  writeBackFailures!: number;

  @JsonColumn({ name: 'unattributed_samples' })
  unattributedSamples!: UnattributedSample[];

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @RowVersionColumn()
  version!: number;
}
