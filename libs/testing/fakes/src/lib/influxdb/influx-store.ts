import { randomBytes } from 'node:crypto';

/** A value as stored in a field: the Flux basic types the fake writes out. */
export type FieldValue = string | number | boolean;
export type ValueType = 'double' | 'long' | 'string' | 'boolean';

export interface InfluxPoint {
  bucket: string;
  measurement: string;
  field: string;
  tags: Record<string, string>;
  /** Epoch milliseconds. */
  time: number;
  value: FieldValue;
  valueType: ValueType;
}

/** Organization (InfluxDB OSS v2 API, schemas/Organization.yml). */
export interface InfluxOrg {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface InfluxBucket {
  id: string;
  name: string;
  orgID: string;
  /** 0 = keep forever. */
  retentionSeconds: number;
}

/** A check as the API returns it (schemas/ThresholdCheck.yml, DeadmanCheck.yml over CheckBase.yml). */
export type InfluxCheck = Record<string, unknown> & { id: string; orgID: string; name: string; type: string };

/** InfluxDB resource ids are 16 lowercase hex characters. */
export const newInfluxId = (): string => randomBytes(8).toString('hex');

export class InfluxStore {
  readonly orgs: InfluxOrg[] = [];
  readonly buckets: InfluxBucket[] = [];
  readonly points: InfluxPoint[] = [];
  readonly checks: InfluxCheck[] = [];

  addOrg(name: string, description = ''): InfluxOrg {
    const now = new Date().toISOString();
    const org = { id: newInfluxId(), name, description, createdAt: now, updatedAt: now };
    this.orgs.push(org);
    return org;
  }

  addBucket(orgID: string, name: string, retentionSeconds = 0): InfluxBucket {
    const bucket = { id: newInfluxId(), name, orgID, retentionSeconds };
    this.buckets.push(bucket);
    return bucket;
  }

  orgByName(name: string): InfluxOrg | undefined {
    return this.orgs.find((org) => org.name === name);
  }

  orgById(id: string): InfluxOrg | undefined {
    return this.orgs.find((org) => org.id === id);
  }

  bucket(orgID: string, name: string): InfluxBucket | undefined {
    return this.buckets.find((b) => b.orgID === orgID && b.name === name);
  }
}

const HOSTS = ['wazuh-manager', 'wazuh-indexer-1', 'graylog'];

/**
 * What a CoPilot-monitored stack holds: Telegraf host metrics in `telegraf`, and check statuses written by InfluxDB's
 * own monitoring into `_monitoring` (measurement `statuses`, tags `_check_id`, `_check_name`, `_level`, `_type`; field
 * `_message`), as described in InfluxDB OSS v2 "Monitor data and send alerts" (monitor-alert/checks, v2.7).
 */
export function seedMonitoringData(store: InfluxStore, orgName: string, now: number): void {
  const org = store.orgByName(orgName) ?? store.addOrg(orgName, 'SOC metrics');
  store.addBucket(org.id, 'telegraf', 30 * 86_400);
  store.addBucket(org.id, '_monitoring', 7 * 86_400);
  store.addBucket(org.id, '_tasks', 3 * 86_400);
  const start = now - 30 * 60_000;
  HOSTS.forEach((host, h) => {
    for (let minute = 0; minute < 30; minute += 1) {
      const time = start + minute * 60_000;
      const tags = { host, cpu: 'cpu-total' };
      const wave = (minute * 7 + h * 13) % 20;
      store.points.push(
        {
          bucket: 'telegraf',
          measurement: 'cpu',
          field: 'usage_user',
          tags,
          time,
          value: 10 + wave + h * 30,
          valueType: 'double',
        },
        {
          bucket: 'telegraf',
          measurement: 'cpu',
          field: 'usage_system',
          tags,
          time,
          value: 2 + (wave % 5),
          valueType: 'double',
        },
        {
          bucket: 'telegraf',
          measurement: 'mem',
          field: 'used_percent',
          tags: { host },
          time,
          value: 41.5 + h * 9,
          valueType: 'double',
        },
        {
          bucket: 'telegraf',
          measurement: 'system',
          field: 'n_users',
          tags: { host },
          time,
          value: h + 1,
          valueType: 'long',
        },
      );
    }
  });
  const cpuCheck = thresholdCheck(org.id, 'CPU Usage', now);
  const heartbeat = deadmanCheck(org.id, 'Agent Heartbeat', now);
  store.checks.push(cpuCheck, heartbeat);
  const statuses: Array<[InfluxCheck, string, string, number]> = [
    [cpuCheck, 'crit', 'Check: CPU Usage is: crit, "usage_user" at 92.5% on graylog', 4],
    [cpuCheck, 'ok', 'Check: CPU Usage is: ok', 2],
    [heartbeat, 'warn', 'Check: Agent Heartbeat is: warn (no data from wazuh-indexer-1 for 90s)', 1],
  ];
  for (const [check, level, message, minutesAgo] of statuses) {
    store.points.push({
      bucket: '_monitoring',
      measurement: 'statuses',
      field: '_message',
      tags: { _check_id: check.id, _check_name: check.name, _level: level, _type: check.type },
      time: now - minutesAgo * 60_000,
      value: message,
      valueType: 'string',
    });
  }
}

function checkBase(orgID: string, name: string, type: string, now: number): InfluxCheck {
  const id = newInfluxId();
  const stamp = new Date(now - 86_400_000).toISOString();
  return {
    id,
    orgID,
    name,
    type,
    ownerID: newInfluxId(),
    createdAt: stamp,
    updatedAt: stamp,
    status: 'active',
    description: '',
    every: '1m',
    offset: '0s',
    tags: [],
    labels: [],
    taskID: newInfluxId(),
    latestCompleted: new Date(now - 60_000).toISOString(),
    lastRunStatus: 'success',
    statusMessageTemplate: 'Check: ${ r._check_name } is: ${ r._level }',
    links: {
      self: `/api/v2/checks/${id}`,
      labels: `/api/v2/checks/${id}/labels`,
      members: `/api/v2/checks/${id}/members`,
      owners: `/api/v2/checks/${id}/owners`,
      query: `/api/v2/checks/${id}/query`,
    },
  };
}

function thresholdCheck(orgID: string, name: string, now: number): InfluxCheck {
  const check = checkBase(orgID, name, 'threshold', now);
  check['query'] = {
    name: '',
    text: 'from(bucket: "telegraf") |> range(start: v.timeRangeStart) |> filter(fn: (r) => r._measurement == "cpu")',
    editMode: 'builder',
    builderConfig: {
      buckets: ['telegraf'],
      tags: [{ key: '_measurement', values: ['cpu'] }],
      functions: [{ name: 'mean' }],
    },
  };
  check['thresholds'] = [
    { type: 'greater', value: 90, level: 'CRIT', allValues: false },
    { type: 'greater', value: 75, level: 'WARN', allValues: false },
  ];
  return check;
}

function deadmanCheck(orgID: string, name: string, now: number): InfluxCheck {
  const check = checkBase(orgID, name, 'deadman', now);
  check['query'] = {
    name: '',
    text: 'from(bucket: "telegraf") |> range(start: v.timeRangeStart) |> filter(fn: (r) => r._measurement == "system")',
    editMode: 'builder',
    builderConfig: { buckets: ['telegraf'], tags: [{ key: '_measurement', values: ['system'] }], functions: [] },
  };
  Object.assign(check, { timeSince: '90s', staleTime: '10m', reportZero: false, level: 'WARN' });
  return check;
}
