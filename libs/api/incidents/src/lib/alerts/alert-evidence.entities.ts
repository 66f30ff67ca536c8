import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, IntColumn, JsonColumn, StringColumn } from '@copilot/api-core';
import { Alert } from './alert.entity';
import type { IocType } from '../ingestion/source.types';

export const ASSET_NAME_MAX = 255;
export const IOC_VALUE_MAX = 512;

/** A host the alert was seen on, with the document it was first seen in. (name, alert) serves the asset filter. */
@Entity('alert_assets')
@Index('ix_alert_assets_name', ['name', 'alertId'])
export class AlertAsset {
  @PrimaryColumn({ type: 'int', name: 'alert_id' })
  alertId!: number;

  @PrimaryColumn({ type: 'varchar', length: ASSET_NAME_MAX })
  name!: string;

  @StringColumn(64, { name: 'agent_id', nullable: true })
  agentId!: string | null;

  @StringColumn(255, { name: 'index_name', nullable: true })
  indexName!: string | null;

  @StringColumn(255, { name: 'index_id', nullable: true })
  indexId!: string | null;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_assets_alert' })
  alert?: Alert;
}

/** An indicator seen in the alert's documents. (value, alert) serves the IoC filter. */
@Entity('alert_iocs')
@Index('ix_alert_iocs_value', ['value', 'alertId'])
export class AlertIoc {
  @PrimaryColumn({ type: 'int', name: 'alert_id' })
  alertId!: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  type!: IocType;

  @PrimaryColumn({ type: 'varchar', length: IOC_VALUE_MAX })
  value!: string;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_iocs_alert' })
  alert?: Alert;
}

/** The first document's `_source`, in its own table so lists never load it; only the detail view does. */
@Entity('alert_contexts')
export class AlertContext {
  @PrimaryColumn({ type: 'int', name: 'alert_id' })
  alertId!: number;

  @StringColumn(255, { name: 'index_name' })
  indexName!: string;

  @StringColumn(255, { name: 'doc_id' })
  docId!: string;

  @JsonColumn()
  document!: Record<string, unknown>;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_contexts_alert' })
  alert?: Alert;
}

/**
 * Every indexer document that became (or repeated) an alert. The primary key is the origin key: re-reading a
 * document (the pass overlap, a retried batch, a manual create) finds it here and changes nothing. The
 * (alert, event time) index gives the detail view its most recent occurrences. Source 0: no source (manual).
 */
@Entity('alert_origins')
@Index('ix_alert_origins_alert', ['alertId', 'eventAt'])
export class AlertOrigin {
  @PrimaryColumn({ type: 'int', name: 'source_id' })
  sourceId!: number;

  @PrimaryColumn({ type: 'varchar', length: 255, name: 'index_name' })
  indexName!: string;

  @PrimaryColumn({ type: 'varchar', length: 255, name: 'doc_id' })
  docId!: string;

  @IntColumn({ name: 'alert_id' })
  alertId!: number;

  @DateTimeColumn({ name: 'event_at' })
  eventAt!: Date;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'fk_alert_origins_alert' })
  alert?: Alert;
}
