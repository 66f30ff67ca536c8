import type { AlertSeverity } from '../alerts/alert.types';

/** IoC kinds an alert can carry; the list can be filtered by any of them. */
export const IOC_TYPES = ['IP', 'DOMAIN', 'HASH', 'URL'] as const;
export type IocType = (typeof IOC_TYPES)[number];

/** What makes two documents "the same alert". Customer is always part of the key: tenants never share an alert. */
export const DEDUP_FIELDS = ['source', 'rule', 'asset', 'title'] as const;
export type DedupField = (typeof DEDUP_FIELDS)[number];

export interface IocPath {
  path: string;
  type: IocType;
}

/**
 * Where a source finds each alert field in a document's `_source`. Paths are dotted (`rule.level`); a flat key
 * with exactly that name wins when present, so Graylog-flattened documents work with the same mapping.
 */
export interface SourceMapping {
  title: string;
  ruleId: string;
  asset: string;
  agentId: string;
  eventTime: string;
  severity: string;
  description: string | null;
  iocs: IocPath[];
  /** Tried in order; the first present value decides the customer. */
  customerFields: string[];
  /** Explicit value -> customer code map, matched case-insensitively before the codes themselves. */
  customerMap: Record<string, string>;
}

export const WAZUH_DEFAULT_MAPPING: SourceMapping = {
  title: 'rule.description',
  ruleId: 'rule.id',
  asset: 'agent.name',
  agentId: 'agent.id',
  eventTime: 'timestamp',
  severity: 'rule.level',
  description: 'full_log',
  iocs: [
    { path: 'data.srcip', type: 'IP' },
    { path: 'data.dstip', type: 'IP' },
    { path: 'data.url', type: 'URL' },
    { path: 'data.hostname', type: 'DOMAIN' },
    { path: 'syscheck.sha256_after', type: 'HASH' },
    { path: 'data.win.eventdata.hashes', type: 'HASH' },
  ],
  customerFields: ['agent.labels.customer', 'customer_code', 'syslog_customer', 'cluster_node'],
  customerMap: {},
};

export const DEFAULT_DEDUP_FIELDS: DedupField[] = ['source', 'rule', 'asset'];
export const DEFAULT_DEDUP_WINDOW_MINUTES = 24 * 60;
export const DEFAULT_OVERLAP_MINUTES = 5;
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_UNATTRIBUTED_SAMPLES = 20;

/** Wazuh rule levels: >= 12 Critical, 8-11 High, 4-7 Medium, < 4 Low. */
export function severityOfLevel(level: number): AlertSeverity {
  if (level >= 12) return 'Critical';
  if (level >= 8) return 'High';
  if (level >= 4) return 'Medium';
  return 'Low';
}

/** A document that names no known customer: counted on the source and kept as a sample for the operator. */
export interface UnattributedSample {
  index: string;
  id: string;
  reason: string;
  at: string;
}
