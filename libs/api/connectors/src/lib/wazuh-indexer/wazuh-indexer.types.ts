/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const WAZUH_INDEXER = 'Wazuh-Indexer';

/** Connection settings of a Wazuh-Indexer connector (an OpenSearch 2.x cluster with the security plugin). */
export interface WazuhIndexerConfig {
  url: string;
  username: string;
  password: string;
  /** Default true. false is the operator's explicit per-connector choice; it is logged as a warning. */
  verifyTls?: boolean;
  /** PEM of the CA that signed the indexer's certificate (Wazuh installs generate their own root CA). */
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
}

/** An OpenSearch query DSL object, passed through as is (the indexer validates it). */
export type OpenSearchQuery = Record<string, unknown>;

export type SortOrder = 'asc' | 'desc';
export type SortClause =
  string | Record<string, SortOrder | { order: SortOrder; missing?: '_first' | '_last'; unmapped_type?: string }>;

/** A value of a hit's `sort` array: dates come back as epoch millis, keywords as strings. */
export type SortValue = string | number | boolean | null;

export interface PitReference {
  id: string;
  /** Extends the PIT's lifetime by this much on each search, e.g. `1m`. */
  keepAlive?: string;
}

export interface IndexerSearchRequest {
  /** Index name, alias, pattern (`wazuh-alerts-*`) or comma list. Must be absent when `pit` is given. */
  index?: string;
  pit?: PitReference;
  query?: OpenSearchQuery;
  sort?: SortClause[];
  size?: number;
  from?: number;
  searchAfter?: SortValue[];
  /** true: exact total; a number: count up to it; false: no total (cheapest). Default: OpenSearch's (10 000). */
  trackTotalHits?: boolean | number;
  /** `_source` filtering: false for none, or the field patterns to include. */
  source?: boolean | string[];
}

export interface SearchHit<T> {
  _index: string;
  _id: string;
  _source: T;
  /** Sort values of the hit (empty when the search was not sorted); feed the last one to `searchAfter`. */
  sort: SortValue[];
}

export interface TotalHits {
  value: number;
  relation: 'eq' | 'gte';
}

export interface IndexerSearchResult<T> {
  hits: SearchHit<T>[];
  /** null when `trackTotalHits` was false. */
  total: TotalHits | null;
  /** The PIT id to use for the next page (OpenSearch may hand out a new one). */
  pitId?: string;
}

/** `GET /_cluster/health` as OpenSearch 2.x returns it (only the fields CoPilot reads are typed). */
export interface ClusterHealth {
  cluster_name: string;
  status: 'green' | 'yellow' | 'red';
  timed_out?: boolean;
  number_of_nodes: number;
  number_of_data_nodes: number;
  active_primary_shards: number;
  active_shards: number;
  relocating_shards: number;
  initializing_shards: number;
  unassigned_shards: number;
  active_shards_percent_as_number: number;
}

/** A version string split leniently: vendors report things like `2.19.1`, `7.10.2`, `2.11.0-SNAPSHOT`. */
export interface ParsedVersion {
  raw: string;
  major: number | null;
  minor: number | null;
  patch: number | null;
  /** Whatever follows the numbers (`SNAPSHOT`, `beta.2`), or null. */
  suffix: string | null;
}

export interface IndexerInfo {
  clusterName: string;
  nodeName: string;
  distribution: string;
  version: ParsedVersion;
}

export interface IndexerDocument<T> {
  index: string;
  id: string;
  version: number;
  seqNo: number | null;
  primaryTerm: number | null;
  source: T;
}

export interface UpdateDocResult {
  index: string;
  id: string;
  version: number;
  /** `noop` when the document already held these values. */
  result: 'updated' | 'noop' | 'created';
}

export interface IndexRow {
  index: string;
  health: string | null;
  status: string | null;
  uuid: string | null;
  primaries: number | null;
  replicas: number | null;
  docsCount: number | null;
  docsDeleted: number | null;
  storeSizeBytes: number | null;
  primaryStoreSizeBytes: number | null;
}

export interface ShardRow {
  index: string;
  shard: number | null;
  primary: boolean;
  state: string | null;
  docs: number | null;
  storeBytes: number | null;
  ip: string | null;
  node: string | null;
}

export interface AllocationRow {
  node: string | null;
  host: string | null;
  ip: string | null;
  shards: number | null;
  diskIndicesBytes: number | null;
  diskUsedBytes: number | null;
  diskAvailBytes: number | null;
  diskTotalBytes: number | null;
  diskPercent: number | null;
}

export interface IndexSettingsView {
  /** Flat settings (`index.blocks.write` -> "true"). */
  settings: Record<string, string>;
  /** True when writes are refused (`index.blocks.write`, `read_only` or `read_only_allow_delete`). */
  writeBlocked: boolean;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}

/** Position of a cursor scan: the last hit's time sort value (epoch millis) and tiebreak value. */
export interface ScanCursor {
  time: number | string;
  id: string;
}

export interface ScanOptions {
  index: string;
  query?: OpenSearchQuery;
  /** Date field the scan is ordered by, e.g. `timestamp`. Documents without it are skipped. */
  timeField: string;
  /**
   * Unique field breaking ties between equal times. Default `_id`, which OpenSearch 2.x can sort on while
   * `indices.id_field_data.enabled` is true (its default); where it is disabled, pass a unique keyword field
   * (Wazuh alerts carry `id`).
   */
  tiebreakField?: string;
  /** Resume strictly after this position. */
  after?: ScanCursor;
  /** Hits per batch, 1..10000. Default 500. */
  batchSize?: number;
  /** PIT keep-alive between batches. Default `2m`. */
  keepAlive?: string;
}

export interface ScanBatch<T> {
  hits: SearchHit<T>[];
  /** Cursor of the batch's last hit: store it once the batch is processed, pass it as `after` to resume. */
  cursor: ScanCursor;
}
