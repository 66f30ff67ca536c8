import type { FakeGraylogRole, FakeMetric, Json } from './graylog-state';

/**
 * Demo data of the fake Graylog: what a small MSSP install looks like (inputs per customer, an index set per
 * customer, streams routing them). Shapes follow the Graylog 6.1 response models named beside each builder.
 */

export const IDS = {
  defaultIndexSet: '65f0c2a1e4b0a1b2c3d4e501',
  eventsIndexSet: '65f0c2a1e4b0a1b2c3d4e502',
  systemEventsIndexSet: '65f0c2a1e4b0a1b2c3d4e503',
  wazuhIndexSet: '65f0c2a1e4b0a1b2c3d4e504',
  acmeIndexSet: '65f0c2a1e4b0a1b2c3d4e505',
  syslogInput: '65f0c3b2e4b0a1b2c3d4e601',
  gelfInput: '65f0c3b2e4b0a1b2c3d4e602',
  beatsInput: '65f0c3b2e4b0a1b2c3d4e603',
  defaultStream: '000000000000000000000001',
  allEventsStream: '000000000000000000000002',
  systemEventsStream: '000000000000000000000003',
  wazuhStream: '65f0c4c3e4b0a1b2c3d4e701',
  acmeStream: '65f0c4c3e4b0a1b2c3d4e702',
  globexStream: '65f0c4c3e4b0a1b2c3d4e703',
} as const;

const CREATED = '2024-03-12T09:14:07.000Z';

/** org.graylog.security.authzroles.AuthzRoleDTO: id, name, description, permissions, read_only. */
export const SEED_ROLES: FakeGraylogRole[] = [
  {
    id: '65f0c1a0e4b0a1b2c3d4e401',
    name: 'Admin',
    description: 'Grants all permissions for Graylog administrators (built-in)',
    permissions: ['*'],
    read_only: true,
  },
  {
    id: '65f0c1a0e4b0a1b2c3d4e402',
    name: 'Reader',
    description: 'Grants basic permissions for every Graylog user (built-in)',
    permissions: ['indexercluster:read', 'messagecount:read', 'journal:read', 'messages:analyze', 'metrics:read'],
    read_only: true,
  },
];

/** org.graylog2.rest.models.system.inputs.responses.InputSummary. */
function input(id: string, title: string, type: string, name: string, attributes: Json, fields: Json): Json {
  return {
    title,
    global: true,
    name,
    content_pack: null,
    id,
    created_at: CREATED,
    type,
    creator_user_id: 'admin',
    attributes: { bind_address: '0.0.0.0', recv_buffer_size: 1048576, number_worker_threads: 2, ...attributes },
    static_fields: fields,
    node: null,
  };
}

export function seedInputs(): Json[] {
  return [
    input(
      IDS.syslogInput,
      'ACME Fortinet syslog',
      'org.graylog2.inputs.syslog.udp.SyslogUDPInput',
      'Syslog UDP',
      { port: 5140, override_source: null, force_rdns: false, allow_override_date: true, timezone: 'NotSet' },
      { customer_code: 'ACME' },
    ),
    input(
      IDS.gelfInput,
      'Wazuh alerts (GELF TCP)',
      'org.graylog2.inputs.gelf.tcp.GELFTCPInput',
      'GELF TCP',
      { port: 12201, tls_enable: false, max_message_size: 2097152, decompress_size_limit: 8388608 },
      {},
    ),
    input(
      IDS.beatsInput,
      'GLOBEX Winlogbeat',
      'org.graylog.plugins.beats.Beats2Input',
      'Beats',
      { port: 5044, tls_enable: false, no_beats_prefix: false },
      { customer_code: 'GLOBEX' },
    ),
  ];
}

/** org.graylog2.rest.models.system.inputs.responses.InputStateSummary: id, state, started_at, detailed_message, message_input. */
export function seedInputStates(inputs: Json[]): Json[] {
  return inputs.map((summary) => {
    const failed = summary['id'] === IDS.beatsInput;
    return {
      id: summary['id'],
      state: failed ? 'FAILED' : 'RUNNING',
      started_at: '2024-05-01T06:00:03.512Z',
      detailed_message: failed ? 'Address already in use: bind (0.0.0.0:5044)' : null,
      message_input: summary,
    };
  });
}

/** org.graylog2.rest.resources.system.indexer.responses.IndexSetSummary. */
function indexSet(id: string, title: string, prefix: string, extra: Json = {}): Json {
  return {
    id,
    title,
    description: `${title} (managed by CoPilot)`,
    index_prefix: prefix,
    shards: 1,
    replicas: 0,
    rotation_strategy_class: 'org.graylog2.indexer.rotation.strategies.TimeBasedSizeOptimizingStrategy',
    rotation_strategy: {
      type: 'org.graylog2.indexer.rotation.strategies.TimeBasedSizeOptimizingStrategyConfig',
      index_lifetime_min: 'P30D',
      index_lifetime_max: 'P40D',
    },
    retention_strategy_class: 'org.graylog2.indexer.retention.strategies.DeletionRetentionStrategy',
    retention_strategy: {
      type: 'org.graylog2.indexer.retention.strategies.DeletionRetentionStrategyConfig',
      max_number_of_indices: 20,
    },
    creation_date: CREATED,
    index_analyzer: 'standard',
    index_optimization_max_num_segments: 1,
    index_optimization_disabled: false,
    field_type_refresh_interval: 5000,
    index_template_type: null,
    field_type_profile: null,
    use_legacy_rotation: false,
    writable: true,
    default: false,
    can_be_default: true,
    ...extra,
  };
}

export function seedIndexSets(): Json[] {
  return [
    indexSet(IDS.defaultIndexSet, 'Default index set', 'graylog', { default: true }),
    indexSet(IDS.eventsIndexSet, 'Graylog Events', 'gl-events', {
      index_template_type: 'events',
      can_be_default: false,
    }),
    indexSet(IDS.systemEventsIndexSet, 'Graylog System Events', 'gl-system-events', {
      index_template_type: 'events',
      can_be_default: false,
    }),
    indexSet(IDS.wazuhIndexSet, 'Wazuh', 'wazuh'),
    indexSet(IDS.acmeIndexSet, 'ACME', 'acme'),
  ];
}

/** IndexSetStats, keyed by index set id (only sent with `stats=true`). */
export function seedIndexSetStats(): Record<string, { indices: number; documents: number; size: number }> {
  return {
    [IDS.defaultIndexSet]: { indices: 4, documents: 1_204_331, size: 812_003_441 },
    [IDS.eventsIndexSet]: { indices: 1, documents: 412, size: 1_204_112 },
    [IDS.systemEventsIndexSet]: { indices: 1, documents: 17, size: 88_410 },
    [IDS.wazuhIndexSet]: { indices: 6, documents: 3_880_120, size: 2_904_551_020 },
    [IDS.acmeIndexSet]: { indices: 3, documents: 902_774, size: 480_112_905 },
  };
}

/** org.graylog2.rest.resources.streams.responses.StreamResponse (rules: org.graylog2.plugin.streams.StreamRule). */
function stream(id: string, title: string, indexSetId: string, extra: Json = {}): Json {
  return {
    id,
    creator_user_id: 'admin',
    outputs: [],
    matching_type: 'AND',
    description: null,
    created_at: CREATED,
    disabled: false,
    rules: [],
    title,
    content_pack: null,
    remove_matches_from_default_stream: false,
    index_set_id: indexSetId,
    is_default: false,
    is_editable: true,
    categories: [],
    ...extra,
  };
}

const rule = (id: string, streamId: string, field: string, type: number, value: string, description: string): Json => ({
  id,
  field,
  stream_id: streamId,
  description,
  type,
  inverted: false,
  value,
});

export function seedStreams(): Json[] {
  return [
    stream(IDS.defaultStream, 'Default Stream', IDS.defaultIndexSet, {
      description: 'Contains messages that are not explicitly routed to other streams',
      is_default: true,
      is_editable: false,
      creator_user_id: 'local:admin',
    }),
    stream(IDS.allEventsStream, 'All events', IDS.eventsIndexSet, {
      description: 'Stream containing all events created by Graylog',
      is_editable: false,
      remove_matches_from_default_stream: true,
    }),
    stream(IDS.systemEventsStream, 'All system events', IDS.systemEventsIndexSet, {
      description: 'Stream containing all system events created by Graylog',
      is_editable: false,
      remove_matches_from_default_stream: true,
    }),
    stream(IDS.wazuhStream, 'Wazuh alerts', IDS.wazuhIndexSet, {
      description: 'Alerts forwarded by the Wazuh managers',
      remove_matches_from_default_stream: true,
      rules: [rule('65f0c5d4e4b0a1b2c3d4e801', IDS.wazuhStream, 'rule_id', 5, '', 'has a Wazuh rule id')],
    }),
    stream(IDS.acmeStream, 'ACME - Fortinet', IDS.acmeIndexSet, {
      description: 'Firewall logs of customer ACME',
      remove_matches_from_default_stream: true,
      rules: [
        rule('65f0c5d4e4b0a1b2c3d4e802', IDS.acmeStream, 'gl2_source_input', 8, IDS.syslogInput, 'ACME syslog input'),
      ],
    }),
    stream(IDS.globexStream, 'GLOBEX - Windows', IDS.defaultIndexSet, {
      description: 'Windows event logs of customer GLOBEX',
      disabled: true,
      rules: [rule('65f0c5d4e4b0a1b2c3d4e803', IDS.globexStream, 'customer_code', 1, 'GLOBEX', 'customer is GLOBEX')],
    }),
  ];
}

/** org.graylog2.rest.resources.system.responses.JournalSummaryResponse (sizes in bytes, durations in ms). */
export function seedJournal(): Json {
  return {
    enabled: true,
    append_events_per_second: 412,
    read_events_per_second: 409,
    uncommitted_journal_entries: 1_532,
    journal_size: 73_400_320,
    journal_size_limit: 5_368_709_120,
    number_of_segments: 3,
    oldest_segment: '2024-05-01T06:00:04.000Z',
    journal_config: {
      directory: '/usr/share/graylog/data/journal',
      segment_size: 104_857_600,
      segment_age: 3_600_000,
      max_size: 5_368_709_120,
      max_age: 43_200_000,
      flush_interval: 1_000_000,
      flush_age: 60_000,
    },
  };
}

/** Metric names as Graylog 6.1 registers them (see `GET /api/system/metrics/names` on a real node). */
export function seedMetrics(): Map<string, FakeMetric> {
  return new Map<string, FakeMetric>([
    ['org.graylog2.throughput.input.1-sec-interval', { type: 'gauge', value: 412 }],
    ['org.graylog2.throughput.output.1-sec-interval', { type: 'gauge', value: 409 }],
    ['org.graylog2.buffers.process.usage', { type: 'gauge', value: 3 }],
    ['org.graylog2.buffers.output.usage', { type: 'gauge', value: 0 }],
    ['org.graylog2.journal.entries-uncommitted', { type: 'gauge', value: 1532 }],
    ['org.graylog2.throughput.input', { type: 'counter', count: 18_204_551 }],
    [
      `org.graylog2.inputs.${IDS.syslogInput}.incomingMessages`,
      { type: 'meter', count: 3_120_004, m1: 212.4, m5: 208.9, m15: 201.3, mean: 188.2 },
    ],
    [
      'org.graylog2.shared.journal.LocalKafkaJournal.writeTime',
      {
        type: 'timer',
        count: 18_204_551,
        min: 0.00002,
        max: 0.0124,
        mean: 0.00011,
        stddev: 0.00008,
        p95: 0.0003,
        p99: 0.0011,
        m1: 410.2,
        m5: 405.5,
        m15: 398.1,
        meanRate: 377.9,
      },
    ],
  ]);
}
