/**
 * The state a fake Wazuh manager serves. Field names and value formats follow the Wazuh server REST API v4
 * reference (wazuh/wazuh `api/api/spec/spec.yaml` at tag v4.14.7): the `Agent`, `AllItemsResponseGroups`,
 * `AllItemsResponseRules`, `AllItemsResponseSCADatabase`, `AllItemsResponseSCAChecks` and
 * `AllItemsResponseSyscollectorPackages` schemas and their examples.
 */

export type AgentStatus = 'active' | 'pending' | 'never_connected' | 'disconnected';

export const AGENT_STATUSES: readonly AgentStatus[] = ['active', 'pending', 'never_connected', 'disconnected'];

/** One agent as `GET /agents` returns it (spec.yaml v4.14.7, `/agents` GET example). */
export interface FakeAgent {
  id: string;
  name: string;
  ip: string;
  registerIP: string;
  status: AgentStatus;
  status_code: number;
  /** Absent (like `version` and `lastKeepAlive`) until the agent first connects. */
  os?: {
    arch: string;
    codename?: string;
    major: string;
    minor?: string;
    name: string;
    platform: string;
    uname: string;
    version: string;
  };
  version?: string;
  manager: string;
  node_name: string;
  dateAdd: string;
  lastKeepAlive?: string;
  /** Absent for the manager itself (agent 000) and for agents that never joined a group. */
  group?: string[];
  group_config_status?: 'synced' | 'not synced';
  configSum?: string;
  mergedSum?: string;
}

/** `GET /groups` item (spec.yaml v4.14.7, `/groups` GET example); `count` is computed from the agents. */
export interface FakeGroup {
  name: string;
  mergedSum: string;
  configSum: string;
}

/** `GET /rules` item (spec.yaml v4.14.7, `/rules` GET example). */
export interface FakeRule {
  id: number;
  level: number;
  description: string;
  groups: string[];
  filename: string;
  relative_dirname: string;
  status: 'enabled' | 'disabled';
  details: Record<string, unknown>;
  pci_dss: string[];
  gpg13: string[];
  gdpr: string[];
  hipaa: string[];
  nist_800_53: string[];
  tsc: string[];
  mitre: string[];
}

/** `GET /sca/{agent_id}` item (spec.yaml v4.14.7, `/sca/{agent_id}` GET example). */
export interface FakeScaPolicy {
  policy_id: string;
  name: string;
  description: string;
  references: string;
  pass: number;
  fail: number;
  invalid: number;
  total_checks: number;
  score: number;
  start_scan: string;
  end_scan: string;
  hash_file: string;
}

/** `GET /sca/{agent_id}/checks/{policy_id}` item (spec.yaml v4.14.7, its GET example). */
export interface FakeScaCheck {
  id: number;
  policy_id: string;
  title: string;
  description: string;
  rationale: string;
  remediation: string;
  command?: string;
  condition: 'all' | 'any' | 'none';
  result: 'passed' | 'failed' | 'not applicable';
  reason?: string;
  compliance: Array<{ key: string; value: string }>;
  rules: Array<{ type: string; rule: string }>;
}

/** `GET /syscollector/{agent_id}/packages` item (spec.yaml v4.14.7, its GET example). */
export interface FakePackage {
  scan: { id: number; time: string };
  agent_id: string;
  name: string;
  version: string;
  architecture: string;
  vendor: string;
  description: string;
  format: string;
  section?: string;
  priority?: string;
  source?: string;
  multiarch?: string;
  size: number;
  location: string;
  install_time: string;
}

export interface ActiveResponseRecord {
  agents: string[];
  command: string;
  arguments: string[];
  alert?: Record<string, unknown>;
  at: number;
}

export interface UpgradeTaskRecord {
  taskId: number;
  agent: string;
  version: string | null;
  force: boolean;
}

/** Everything the routes read and change. */
export interface WazuhState {
  agents: Map<string, FakeAgent>;
  groups: Map<string, FakeGroup>;
  rules: FakeRule[];
  sca: Map<string, { policies: FakeScaPolicy[]; checks: Map<string, FakeScaCheck[]> }>;
  packages: Map<string, FakePackage[]>;
  cluster: { enabled: 'yes' | 'no'; running: 'yes' | 'no'; nodeName: string };
  info: { apiVersion: string; revision: string; hostname: string };
  activeResponses: ActiveResponseRecord[];
  upgradeTasks: UpgradeTaskRecord[];
  restartRequests: number;
  /** Milliseconds added to the real clock (to age agents and tokens without waiting). */
  clockOffsetMs: number;
}

export function emptyState(): WazuhState {
  return {
    agents: new Map(),
    groups: new Map(),
    rules: [],
    sca: new Map(),
    packages: new Map(),
    cluster: { enabled: 'yes', running: 'yes', nodeName: 'node01' },
    info: { apiVersion: '4.14.7', revision: 'rc1', hostname: 'wazuh-manager' },
    activeResponses: [],
    upgradeTasks: [],
    restartRequests: 0,
    clockOffsetMs: 0,
  };
}

/** Agent ids are zero-padded to three digits (`001`), as the API prints them. */
export const agentId = (n: number): string => String(n).padStart(3, '0');
