/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const GRAYLOG = 'Graylog';

/** Connection settings of a Graylog connector (Graylog 6.x REST API under `/api`). */
export interface GraylogConfig {
  /** Base URL of the node, with or without the trailing `/api` (both are accepted). */
  url: string;
  /**
   * HTTP Basic credentials. With an access token, either pass `token`, or `username` = the token and
   * `password` = `token`, which is how Graylog itself documents token use.
   */
  username?: string;
  password?: string;
  token?: string;
  /** Default true. false is the operator's explicit per-connector choice; it is logged as a warning. */
  verifyTls?: boolean;
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
}

/** A version string split without ever throwing: `6.1.0-beta.2`, `5.0.7+d4d1f5a`, `7.0.0-SNAPSHOT`, `nightly`. */
export interface GraylogVersion {
  raw: string;
  major: number | null;
  minor: number | null;
  patch: number | null;
  /** After `-`: `beta.2`, `SNAPSHOT`, `rc.1`. */
  preRelease: string | null;
  /** After `+`: the commit Graylog appends, e.g. `d4d1f5a`. */
  build: string | null;
}

/** `GET /api/system`. */
export interface GraylogSystem {
  version: GraylogVersion;
  clusterId: string;
  nodeId: string;
  hostname: string | null;
  /** `running`, `paused`, `starting`, `halting`, `failed`, `throttled`, ... */
  lifecycle: string | null;
  isProcessing: boolean | null;
  isLeader: boolean | null;
  startedAt: string | null;
  timezone: string | null;
  codename: string | null;
}

export interface GraylogRole {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  readOnly: boolean | null;
}

export interface GraylogInput {
  id: string;
  title: string;
  /** Java class of the input, e.g. `org.graylog2.inputs.syslog.udp.SyslogUDPInput`. */
  type: string;
  /** Human name of the type, e.g. `Syslog UDP`. */
  name: string | null;
  global: boolean | null;
  /** Node the input runs on; null for a global input. */
  node: string | null;
  createdAt: string | null;
  creatorUserId: string | null;
  attributes: Record<string, unknown>;
  staticFields: Record<string, string>;
  contentPack: string | null;
}

export interface GraylogInputState {
  /** The input's id. */
  id: string;
  /** `RUNNING`, `FAILED`, `STARTING`, `STOPPED`, `FAILING`, `SETUP`, ... */
  state: string;
  startedAt: string | null;
  detailedMessage: string | null;
  input: GraylogInput | null;
}

export interface GraylogIndexSetStats {
  indices: number | null;
  documents: number | null;
  sizeBytes: number | null;
}

export interface GraylogIndexSet {
  id: string;
  title: string;
  description: string | null;
  indexPrefix: string;
  shards: number | null;
  replicas: number | null;
  rotationStrategyClass: string | null;
  rotationStrategy: Record<string, unknown> | null;
  retentionStrategyClass: string | null;
  retentionStrategy: Record<string, unknown> | null;
  creationDate: string | null;
  indexAnalyzer: string | null;
  writable: boolean | null;
  isDefault: boolean | null;
  canBeDefault: boolean | null;
  indexTemplateType: string | null;
  /** Present only when stats were asked for. */
  stats: GraylogIndexSetStats | null;
}

export interface GraylogIndexSetList {
  total: number;
  indexSets: GraylogIndexSet[];
}

export interface GraylogStreamRule {
  id: string;
  field: string | null;
  /** 1 exact, 2 regex, 3 greater, 4 smaller, 5 field presence, 6 contains, 7 always, 8 match input. */
  type: number | null;
  value: string | null;
  inverted: boolean | null;
  description: string | null;
}

export interface GraylogStream {
  id: string;
  title: string;
  description: string | null;
  /** true for a paused stream. */
  disabled: boolean | null;
  indexSetId: string | null;
  isDefault: boolean | null;
  /** false for the default stream and Graylog's system streams, which cannot be paused. */
  isEditable: boolean | null;
  matchingType: string | null;
  removeMatchesFromDefaultStream: boolean | null;
  createdAt: string | null;
  creatorUserId: string | null;
  rules: GraylogStreamRule[];
  categories: string[];
}

export interface GraylogPipelineStage {
  stage: number;
  /** `ALL`, `EITHER` or `PASS`. */
  match: string | null;
  rules: string[];
}

export interface GraylogPipeline {
  id: string;
  title: string;
  description: string | null;
  source: string;
  createdAt: string | null;
  /** Null for pipelines never modified (content packs, some upgrades). */
  modifiedAt: string | null;
  stages: GraylogPipelineStage[];
}

export interface GraylogPipelineRule {
  id: string;
  title: string;
  description: string | null;
  source: string;
  createdAt: string | null;
  modifiedAt: string | null;
}

export interface GraylogPageRequest {
  /** 1-based. Default 1. */
  page?: number;
  /** Default 50 (Graylog's). */
  perPage?: number;
  /** Graylog search query on the list, e.g. `title:wazuh`. */
  query?: string;
}

export interface GraylogPage<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  /** Number of entities without the query applied, when Graylog says. */
  grandTotal: number | null;
}

export interface GraylogSchedulerState {
  isScheduled: boolean;
  status: string | null;
  nextTime: string | null;
  triggeredAt: string | null;
  queuedNotifications: number | null;
}

export interface GraylogEventDefinition {
  id: string;
  title: string;
  description: string | null;
  remediationSteps: string | null;
  priority: number | null;
  alert: boolean | null;
  /** `ENABLED` or `DISABLED`. */
  state: string | null;
  /** `config.type`, e.g. `aggregation-v1`. */
  type: string | null;
  config: Record<string, unknown>;
  notificationIds: string[];
  gracePeriodMs: number | null;
  backlogSize: number | null;
  updatedAt: string | null;
  matchedAt: string | null;
  scope: string | null;
  scheduler: GraylogSchedulerState | null;
}

export interface GraylogNotification {
  id: string;
  title: string;
  description: string | null;
  /** `config.type`, e.g. `http-notification-v1`. */
  type: string | null;
  config: Record<string, unknown>;
}

export interface GraylogEventSearchRequest {
  query?: string;
  page?: number;
  perPage?: number;
  /** Relative time range in seconds (0 = all time). Default 3600, as Graylog's. */
  rangeSeconds?: number;
  /** Default `include`. */
  alerts?: 'include' | 'exclude' | 'only';
  eventDefinitionIds?: string[];
  sortDirection?: 'asc' | 'desc';
}

export interface GraylogEvent {
  id: string;
  eventDefinitionId: string;
  eventDefinitionType: string | null;
  timestamp: string;
  timestampProcessing: string | null;
  timerangeStart: string | null;
  timerangeEnd: string | null;
  message: string | null;
  source: string | null;
  priority: number | null;
  alert: boolean | null;
  key: string | null;
  originContext: string | null;
  streams: string[];
  sourceStreams: string[];
  fields: Record<string, string>;
  groupByFields: Record<string, string>;
  indexName: string | null;
}

export interface GraylogEventSearchResult {
  events: GraylogEvent[];
  totalEvents: number;
  durationMs: number | null;
  usedIndices: string[];
  /** id → title of the event definitions the events came from. */
  eventDefinitionTitles: Record<string, string>;
}

export type GraylogMetricType = 'gauge' | 'counter' | 'meter' | 'timer' | 'histogram' | 'unknown';

/** A metric, normalised from either of Graylog's two metric shapes. */
export interface GraylogMetric {
  fullName: string;
  type: GraylogMetricType;
  /** A gauge's value (a number for Graylog's own gauges). */
  value: number | string | boolean | null;
  /** A counter's count, or the number of events a meter or timer saw. */
  count: number | null;
  /** Events per second, for meters and timers. */
  rate: {
    mean: number | null;
    oneMinute: number | null;
    fiveMinute: number | null;
    fifteenMinute: number | null;
  } | null;
}

export interface GraylogJournal {
  enabled: boolean;
  appendEventsPerSecond: number | null;
  readEventsPerSecond: number | null;
  uncommittedEntries: number | null;
  sizeBytes: number | null;
  sizeLimitBytes: number | null;
  segments: number | null;
  oldestSegment: string | null;
  directory: string | null;
  maxAgeMs: number | null;
}

export interface GraylogVerifyResult {
  ok: boolean;
  message: string;
}
