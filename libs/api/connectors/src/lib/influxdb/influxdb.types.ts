import type { ParsedVersion } from '../wazuh-indexer/wazuh-indexer.types';

/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const INFLUXDB = 'InfluxDB';

/** Keys of the row's `extra` (config CONNECTOR_EXTRA_VARIABLES); `org`/`bucket` are accepted as well. */
export const INFLUXDB_ORG_KEYS = ['INFLUXDB_ORG', 'org'] as const;
export const INFLUXDB_BUCKET_KEYS = ['INFLUXDB_BUCKET', 'bucket'] as const;

/** Connection settings of an InfluxDB 2.x connector (HTTP API v2, token auth). */
export interface InfluxDBConfig {
  url: string;
  /** API token, sent as `Authorization: Token <token>`. */
  token: string;
  /** Organization name (or id) queries run in; INFLUXDB_ORG. */
  org?: string;
  /** Default bucket of the features that query one; INFLUXDB_BUCKET. */
  bucket?: string;
  /** Default true. false is the operator's explicit per-connector choice; it is logged as a warning. */
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

/** `/ping`: the version is absent on InfluxDB Cloud, which is not versioned. */
export interface InfluxPing {
  version: ParsedVersion | null;
  build: string | null;
}

export interface InfluxOrganization {
  id: string;
  name: string;
  description: string;
}

/** One cell of a query result, converted by the column's `#datatype` (strings when the answer had none). */
export type FluxCell = string | number | boolean | null;

export type FluxRecord = Record<string, FluxCell>;

export interface FluxColumn {
  name: string;
  /** `#datatype` of the column, e.g. `double`, `dateTime:RFC3339`; null when the answer carried no annotations. */
  datatype: string | null;
  /** Part of the table's group key (`#group`). */
  group: boolean;
  /** `#default`: the value of empty cells. */
  default: string | null;
}

export interface FluxTable {
  /** Name of the result (`yield(name:)`, `_result` by default). */
  result: string;
  /** Index of the table in the result. */
  table: number;
  columns: FluxColumn[];
  /** Rows without the `result` and `table` columns. */
  records: FluxRecord[];
}

export interface FluxResult {
  tables: FluxTable[];
  /** Every record of every table, in order, each with its `result` and `table`. */
  records: FluxRecord[];
}

export interface InfluxThreshold {
  type: string;
  level: string | null;
  value: number | null;
  min: number | null;
  max: number | null;
}

/** A check (InfluxDB v2 API, schemas/CheckBase.yml plus the threshold/deadman specifics). */
export interface InfluxCheck {
  id: string;
  name: string;
  orgID: string;
  type: string;
  status: string | null;
  description: string;
  every: string | null;
  /** The check's Flux (`query.text`). */
  query: string | null;
  thresholds: InfluxThreshold[];
  lastRunStatus: string | null;
  lastRunError: string | null;
  latestCompleted: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}
