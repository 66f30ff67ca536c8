/**
 * What the api assumes for an alert source when a setting is left out (libs/api/incidents ingestion
 * source.types.ts and the source DTO). The console shows these as placeholders; it cannot import the api's
 * copy (scope boundary), so tools/checks/alert-source-defaults.spec.ts fails when the two drift.
 * Kept free of imports so that check can load it in plain Node.
 */
export const MAPPING_DEFAULTS = {
  title: 'rule.description',
  ruleId: 'rule.id',
  asset: 'agent.name',
  agentId: 'agent.id',
  eventTime: 'timestamp',
  severity: 'rule.level',
  description: 'full_log',
} as const;
export type MappingField = keyof typeof MAPPING_DEFAULTS;

export const IOC_TYPES = ['IP', 'DOMAIN', 'HASH', 'URL'] as const;
export type IocType = (typeof IOC_TYPES)[number];

export const DEFAULT_IOCS: readonly { path: string; type: IocType }[] = [
  { path: 'data.srcip', type: 'IP' },
  { path: 'data.dstip', type: 'IP' },
  { path: 'data.url', type: 'URL' },
  { path: 'data.hostname', type: 'DOMAIN' },
  { path: 'syscheck.sha256_after', type: 'HASH' },
  { path: 'data.win.eventdata.hashes', type: 'HASH' },
];

export const DEFAULT_CUSTOMER_FIELDS: readonly string[] = ['agent.labels.customer', 'customer_code', 'syslog_customer', 'cluster_node'];

export const DEDUP_FIELDS = ['source', 'rule', 'asset', 'title'] as const;
export type DedupField = (typeof DEDUP_FIELDS)[number];
export const DEFAULT_DEDUP_FIELDS: readonly DedupField[] = ['source', 'rule', 'asset'];
export const DEFAULT_DEDUP_WINDOW_MINUTES = 1440;
export const DEFAULT_OVERLAP_MINUTES = 5;
export const DEFAULT_BATCH_SIZE = 500;

/** The api's input rules (SourceInputDto). */
export const INDEX_PATTERN = /^[a-z0-9*][a-z0-9_.*+,-]{0,254}$/;
export const FIELD_PATH = /^[A-Za-z0-9_@-]+(\.[A-Za-z0-9_@-]+)*$/;
export const LIMITS = {
  dedupWindowMinutes: { min: 0, max: 43200 },
  overlapMinutes: { min: 0, max: 1440 },
  batchSize: { min: 1, max: 5000 },
  customerFields: 20,
  iocs: 50,
} as const;
