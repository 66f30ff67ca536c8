import type { ParsedVersion } from '../wazuh-indexer';

/** Catalogue name of the connector: shown in every error and log line of its calls. */
export const WAZUH_MANAGER = 'Wazuh-Manager';

/** Connection settings of a Wazuh-Manager connector (the Wazuh server REST API v4, port 55000). */
export interface WazuhManagerConfig {
  /** e.g. `https://wazuh.example:55000` */
  url: string;
  username: string;
  password: string;
  /** Default true. false is the operator's explicit per-connector choice; it is logged as a warning. */
  verifyTls?: boolean;
  /** PEM of the CA that signed the API certificate (Wazuh installs generate their own root CA). */
  caPem?: string;
  /** Circuit-breaker key; use the connector row's id so a customer's instance has its own circuit. */
  circuitKey?: string;
  /** Deadline per call. Default 10 000 ms. */
  timeoutMs?: number;
  allowLinkLocal?: boolean;
  /** Clock for token expiry (tests move it forward instead of waiting). Default `Date.now`. */
  clock?: () => number;
}

/**
 * Types below are views of the Wazuh server REST API v4 responses (wazuh/wazuh `api/api/spec/spec.yaml`, v4.x),
 * with the vendor's field names. `select` can trim any field except the identifying one, so those are optional.
 */
export type WazuhAgentStatus = 'active' | 'pending' | 'never_connected' | 'disconnected';

export const WAZUH_AGENT_STATUSES: readonly WazuhAgentStatus[] = [
  'active',
  'pending',
  'never_connected',
  'disconnected',
];

export interface WazuhAgentOs {
  arch?: string;
  codename?: string;
  major?: string;
  minor?: string;
  name?: string;
  platform?: string;
  uname?: string;
  version?: string;
}

export interface WazuhAgent {
  /** Zero-padded, e.g. `001`; `000` is the manager itself. */
  id: string;
  name?: string;
  ip?: string;
  registerIP?: string;
  /** One of WAZUH_AGENT_STATUSES on current versions; kept as a string so a new status never breaks parsing. */
  status?: string;
  status_code?: number;
  os?: WazuhAgentOs;
  /** e.g. `Wazuh v4.14.7`; absent until the agent first connects. */
  version?: string;
  manager?: string;
  node_name?: string;
  dateAdd?: string;
  lastKeepAlive?: string;
  group?: string[];
  group_config_status?: string;
  configSum?: string;
  mergedSum?: string;
}

/** One `failed_items` entry: every id that failed for the same reason. */
export interface WazuhFailedItem {
  code: number;
  message: string;
  remediation?: string;
  ids: string[];
}

/** A page of a Wazuh list endpoint. */
export interface WazuhPage<T> {
  items: T[];
  /** `total_affected_items`: everything matching, not just this page. */
  total: number;
  failed: WazuhFailedItem[];
}

/** Outcome of an action over several agents: Wazuh acts on those it can and lists the rest with reasons. */
export interface WazuhBulkResult<T> {
  affected: T[];
  failed: WazuhFailedItem[];
  /** Wazuh's own summary, e.g. "Some agents were not deleted". */
  message: string;
}

export interface ListQuery {
  /** Default 0. */
  offset?: number;
  /** 1..100000; default 500 (Wazuh's default, and its recommended maximum). */
  limit?: number;
  /** `+field,-other`, dotted for nested fields. */
  sort?: string;
  /** Substring in any field; a leading `-` excludes matches. */
  search?: string;
  /** Fields to return (dotted for nested ones); the identifying field always comes back. */
  select?: string[];
}

export interface AgentListQuery extends ListQuery {
  status?: WazuhAgentStatus[];
  group?: string;
  name?: string;
}

export interface PageOptions {
  /** Items per request, 1..100000. Default 500. */
  pageSize?: number;
}

export type AgentPagesOptions = Omit<AgentListQuery, 'offset' | 'limit'> & PageOptions;

/** One request's worth of a paged walk. */
export interface WazuhPageChunk<T> {
  items: T[];
  /** Offset this chunk was requested at. */
  offset: number;
  /** Total Wazuh reported with this chunk (it can change while walking). */
  total: number;
}

export interface WazuhGroup {
  name: string;
  /** Agents in the group. */
  count?: number;
  mergedSum?: string;
  configSum?: string;
}

export interface WazuhRule {
  id: number;
  level?: number;
  description?: string;
  groups?: string[];
  filename?: string;
  relative_dirname?: string;
  status?: string;
  details?: Record<string, unknown>;
  pci_dss?: string[];
  gpg13?: string[];
  gdpr?: string[];
  hipaa?: string[];
  nist_800_53?: string[];
  tsc?: string[];
  mitre?: string[];
}

export interface RuleListQuery extends ListQuery {
  ruleIds?: number[];
  /** One level, or an inclusive range. */
  level?: number | { min: number; max: number };
  group?: string;
  status?: 'enabled' | 'disabled' | 'all';
  filename?: string;
}

export type RulePagesOptions = Omit<RuleListQuery, 'offset' | 'limit'> & PageOptions;

export interface WazuhScaPolicy {
  policy_id: string;
  name?: string;
  description?: string;
  references?: string;
  pass?: number;
  fail?: number;
  invalid?: number;
  total_checks?: number;
  score?: number;
  start_scan?: string;
  end_scan?: string;
  hash_file?: string;
}

export type WazuhScaResult = 'passed' | 'failed' | 'not applicable';

export interface WazuhScaCheck {
  id: number;
  policy_id?: string;
  title?: string;
  description?: string;
  rationale?: string;
  remediation?: string;
  command?: string;
  condition?: string;
  result?: string;
  reason?: string;
  compliance?: Array<{ key: string; value: string }>;
  rules?: Array<{ type: string; rule: string }>;
}

export interface ScaCheckQuery extends ListQuery {
  result?: WazuhScaResult;
}

export interface WazuhPackage {
  name?: string;
  version?: string;
  architecture?: string;
  vendor?: string;
  description?: string;
  format?: string;
  section?: string;
  priority?: string;
  source?: string;
  size?: number;
  location?: string;
  install_time?: string;
  agent_id?: string;
  scan?: { id?: number; time?: string };
}

export interface PackageQuery extends ListQuery {
  name?: string;
  vendor?: string;
  architecture?: string;
  /** `deb`, `rpm`, `win`, `pkg`... */
  format?: string;
  version?: string;
}

export interface ActiveResponseRequest {
  /** Explicit agent ids; an empty list is refused (Wazuh would run the command on every agent). */
  agents: string[];
  /** An active-response command defined on the manager, or `!script-name`. */
  command: string;
  arguments?: string[];
  /** Alert data the command reads, e.g. `{data: {srcip: '203.0.113.9'}}`. */
  alert?: Record<string, unknown>;
}

export interface UpgradeOptions {
  /** Target version, e.g. `4.14.7`; default: the manager's own version. */
  version?: string;
  /** Upgrade even when the agent is already at (or past) the target. */
  force?: boolean;
  /** WPK repository host to download from instead of Wazuh's. */
  wpkRepo?: string;
  useHttp?: boolean;
  packageType?: 'rpm' | 'deb';
}

export interface WazuhUpgradeTask {
  agent: string;
  taskId: number;
}

export interface WazuhApiInfo {
  title: string;
  apiVersion: ParsedVersion;
  revision: string | null;
  hostname: string | null;
  timestamp: string | null;
}

export interface WazuhClusterStatus {
  enabled: boolean;
  running: boolean;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
}
