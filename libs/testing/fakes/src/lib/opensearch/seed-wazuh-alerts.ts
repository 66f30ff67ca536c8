import type { FakeOpenSearch } from './fake-opensearch';
import type { Source } from './index-store';

export interface SeedWazuhAlertsOptions {
  count: number;
  /** Customer codes spread round-robin over the agents (`agent.labels.customer`). */
  customers: string[];
  /** Time of the first alert; later ones follow at `intervalMs`. */
  startTime: Date;
  /** Default 60 000 ms. */
  intervalMs?: number;
  /** Alerts sharing each timestamp (ties exercise the `_id` tiebreak of cursor scans). Default 1. */
  perTimestamp?: number;
  /** Seed of the deterministic generator, so a test sees the same data every run. Default 1. */
  seed?: number;
  agentsPerCustomer?: number;
}

export interface SeededAlert {
  index: string;
  id: string;
  source: Source;
}

/** A handful of real Wazuh ruleset entries (id, level, description, groups) for realistic alert bodies. */
const RULES = [
  {
    id: '5710',
    level: 5,
    description: 'sshd: Attempt to login using a non-existent user',
    groups: ['syslog', 'sshd', 'authentication_failed', 'invalid_login'],
  },
  {
    id: '5712',
    level: 10,
    description: 'sshd: brute force trying to get access to the system. Non existent user.',
    groups: ['syslog', 'sshd', 'authentication_failures'],
  },
  {
    id: '5715',
    level: 3,
    description: 'sshd: authentication success.',
    groups: ['syslog', 'sshd', 'authentication_success'],
  },
  { id: '5502', level: 3, description: 'PAM: Login session closed.', groups: ['pam', 'syslog'] },
  {
    id: '60122',
    level: 5,
    description: 'Logon Failure - Unknown user or bad password',
    groups: ['windows', 'windows_security', 'authentication_failed'],
  },
  {
    id: '92657',
    level: 12,
    description: 'Successful Remote Logon Detected - NTLM authentication, possible pass-the-hash attack',
    groups: ['windows', 'sysmon', 'attack'],
  },
  {
    id: '550',
    level: 7,
    description: 'Integrity checksum changed.',
    groups: ['ossec', 'syscheck', 'syscheck_entry_modified', 'syscheck_file'],
  },
  {
    id: '31103',
    level: 6,
    description: 'SQL injection attempt.',
    groups: ['web', 'accesslog', 'attack', 'sql_injection'],
  },
];

const HOSTS = ['web', 'db', 'mail', 'dc', 'fw', 'app'];

/** Small deterministic PRNG (mulberry32): reproducible data without Math.random. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Wazuh's alert timestamp format: `2024-05-01T12:00:00.000+0000`. */
function wazuhTimestamp(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}+0000`
  );
}

/** Daily index name used by the Wazuh filebeat template: `wazuh-alerts-4.x-YYYY.MM.DD`. */
export function wazuhAlertsIndex(date: Date): string {
  return `wazuh-alerts-4.x-${date.getUTCFullYear()}.${pad(date.getUTCMonth() + 1)}.${pad(date.getUTCDate())}`;
}

/**
 * Generates realistic Wazuh alerts into the fake's daily `wazuh-alerts-4.x-*` indices and returns them in
 * generation order. Document ids look like OpenSearch auto-generated ids; `id` is Wazuh's own alert id.
 */
export function seedWazuhAlerts(fake: FakeOpenSearch, options: SeedWazuhAlertsOptions): SeededAlert[] {
  if (options.customers.length === 0) throw new Error('seedWazuhAlerts needs at least one customer');
  const random = prng(options.seed ?? 1);
  const interval = options.intervalMs ?? 60_000;
  const perTimestamp = Math.max(1, options.perTimestamp ?? 1);
  const agentsPerCustomer = options.agentsPerCustomer ?? 3;
  const idChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const docId = () => Array.from({ length: 20 }, () => idChars[Math.floor(random() * idChars.length)]).join('');
  const seeded: SeededAlert[] = [];

  for (let i = 0; i < options.count; i++) {
    const at = new Date(options.startTime.getTime() + Math.floor(i / perTimestamp) * interval);
    const customer = options.customers[i % options.customers.length];
    const agentNo = Math.floor(random() * agentsPerCustomer);
    const customerIndex = options.customers.indexOf(customer);
    const rule = RULES[Math.floor(random() * RULES.length)];
    const srcip = `${[185, 45, 103, 198][agentNo % 4]}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
    const agentName = `${customer.toLowerCase()}-${HOSTS[agentNo % HOSTS.length]}-${pad(agentNo + 1)}`;
    const source: Source = {
      timestamp: wazuhTimestamp(at),
      rule: {
        id: rule.id,
        level: rule.level,
        description: rule.description,
        groups: rule.groups,
        firedtimes: 1 + Math.floor(random() * 20),
        mail: rule.level >= 12,
      },
      agent: {
        id: pad(1 + customerIndex * agentsPerCustomer + agentNo, 3),
        name: agentName,
        ip: `10.${customerIndex}.0.${10 + agentNo}`,
        labels: { customer },
      },
      manager: { name: 'wazuh-manager' },
      data: { srcip, srcport: String(1024 + Math.floor(random() * 60000)), dstuser: random() < 0.5 ? 'root' : 'admin' },
      id: `${Math.floor(at.getTime() / 1000)}.${100000 + i}`,
      decoder: { name: rule.groups[0] === 'windows' ? 'windows_eventchannel' : 'sshd' },
      location: rule.groups[0] === 'windows' ? 'EventChannel' : '/var/log/auth.log',
      full_log: `${rule.description} from ${srcip}`,
      input: { type: 'log' },
    };
    const index = wazuhAlertsIndex(at);
    const [id] = fake.seed(index, [{ id: docId(), source }]);
    seeded.push({ index, id, source });
  }
  return seeded;
}
