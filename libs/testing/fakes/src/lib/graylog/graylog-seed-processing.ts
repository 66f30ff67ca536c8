import { IDS } from './graylog-seed';
import type { Json } from './graylog-state';

/** Demo pipelines, event definitions, notifications and events of the fake Graylog (Graylog 6.1 shapes). */

const WAZUH_RULE_ID = '65f0c6e5e4b0a1b2c3d4e901';
const TAG_RULE_ID = '65f0c6e5e4b0a1b2c3d4e902';
const DROP_RULE_ID = '65f0c6e5e4b0a1b2c3d4e903';

export const EVENT_IDS = {
  highSeverity: '65f0c7f6e4b0a1b2c3d4ea01',
  bruteForce: '65f0c7f6e4b0a1b2c3d4ea02',
  systemNotifications: '65f0c7f6e4b0a1b2c3d4ea03',
  httpNotification: '65f0c8a7e4b0a1b2c3d4eb01',
  emailNotification: '65f0c8a7e4b0a1b2c3d4eb02',
} as const;

/** org.graylog.plugins.pipelineprocessor.rest.RuleSource (snake_case: created_at, modified_at, ...). */
function rule(id: string, title: string, when: string, then: string, modifiedAt: string | null): Json {
  return {
    id,
    title,
    description: '',
    source: `rule "${title}"\nwhen\n  ${when}\nthen\n  ${then}\nend`,
    created_at: '2024-03-14T12:00:00.000Z',
    modified_at: modifiedAt,
    errors: null,
    rule_builder: null,
    simulator_message: null,
  };
}

export function seedRules(): Json[] {
  return [
    rule(
      WAZUH_RULE_ID,
      'Wazuh: normalise rule level',
      'has_field("rule_level")',
      'set_field("rule_level_int", to_long($message.rule_level));',
      '2024-04-02T08:30:00.000Z',
    ),
    rule(
      TAG_RULE_ID,
      'Wazuh: tag customer',
      'has_field("agent_labels_customer")',
      'set_field("customer_code", $message.agent_labels_customer);',
      null,
    ),
    rule(
      DROP_RULE_ID,
      'Drop Fortinet heartbeats',
      'contains(to_string($message.message), "logdesc=\\"Heartbeat\\"")',
      'drop_message();',
      null,
    ),
  ];
}

/** org.graylog.plugins.pipelineprocessor.rest.PipelineSource; stages are StageSource {stage, match, rules}. */
export function seedPipelines(): Json[] {
  return [
    {
      id: '65f0c6e5e4b0a1b2c3d4e9a1',
      title: 'Wazuh enrichment',
      description: 'Normalises Wazuh alert fields',
      source:
        'pipeline "Wazuh enrichment"\nstage 0 match either\n  rule "Wazuh: normalise rule level"\n  rule "Wazuh: tag customer"\nend',
      created_at: '2024-03-14T12:05:00.000Z',
      modified_at: '2024-04-02T08:31:00.000Z',
      stages: [{ stage: 0, match: 'EITHER', rules: ['Wazuh: normalise rule level', 'Wazuh: tag customer'] }],
      errors: null,
    },
    {
      // Pipelines created through content packs come back without modified_at.
      id: '65f0c6e5e4b0a1b2c3d4e9a2',
      title: 'Fortinet noise filter',
      description: null,
      source: 'pipeline "Fortinet noise filter"\nstage 0 match all\n  rule "Drop Fortinet heartbeats"\nend',
      created_at: '2024-03-20T16:45:00.000Z',
      modified_at: null,
      stages: [{ stage: 0, match: 'ALL', rules: ['Drop Fortinet heartbeats'] }],
      errors: null,
    },
  ];
}

/** org.graylog.events.processor.EventDefinitionDto (config: aggregation-v1 / system-notifications-v1). */
function definition(id: string, title: string, priority: number, config: Json, extra: Json = {}): Json {
  return {
    id,
    title,
    description: '',
    remediation_steps: '',
    priority,
    alert: true,
    config,
    field_spec: {},
    key_spec: [],
    notification_settings: { grace_period_ms: 300_000, backlog_size: 5 },
    notifications: [{ notification_id: EVENT_IDS.httpNotification, notification_parameters: null }],
    storage: [{ type: 'persist-to-streams-v1', streams: [IDS.allEventsStream] }],
    updated_at: '2024-04-05T10:00:00.000Z',
    matched_at: null,
    state: 'ENABLED',
    _scope: 'DEFAULT',
    ...extra,
  };
}

const aggregation = (query: string, executeEveryMs: number): Json => ({
  type: 'aggregation-v1',
  query,
  query_parameters: [],
  filters: [],
  streams: [IDS.wazuhStream],
  search_within_ms: 300_000,
  execute_every_ms: executeEveryMs,
  use_cron_scheduling: false,
  cron_expression: null,
  cron_timezone: null,
  event_limit: 100,
  group_by: [],
  series: [],
  conditions: null,
});

export function seedEventDefinitions(): Json[] {
  return [
    definition(EVENT_IDS.highSeverity, 'Wazuh: high severity alert', 3, aggregation('rule_level:>=12', 60_000), {
      description: 'A Wazuh rule of level 12 or more fired',
      remediation_steps: 'Open the alert in CoPilot and triage it.',
      matched_at: '2024-05-01T11:55:00.000Z',
    }),
    definition(EVENT_IDS.bruteForce, 'SSH brute force', 2, aggregation('rule_id:5712', 300_000), {
      notifications: [
        { notification_id: EVENT_IDS.httpNotification, notification_parameters: null },
        { notification_id: EVENT_IDS.emailNotification, notification_parameters: null },
      ],
    }),
    definition(
      EVENT_IDS.systemNotifications,
      'System notification events',
      1,
      { type: 'system-notifications-v1' },
      {
        description: 'Reserved event definition for system notification events',
        alert: false,
        notifications: [],
        storage: [{ type: 'persist-to-streams-v1', streams: [IDS.systemEventsStream] }],
        _scope: 'SYSTEM_NOTIFICATION_EVENT',
        state: 'DISABLED',
      },
    ),
  ];
}

/** org.graylog.events.notifications.NotificationDto; secrets are EncryptedValue, rendered as `{is_set}`. */
export function seedNotifications(): Json[] {
  return [
    {
      id: EVENT_IDS.httpNotification,
      title: 'CoPilot webhook',
      description: 'Creates alerts in CoPilot',
      config: {
        type: 'http-notification-v1',
        url: 'https://copilot.example.internal/api/graylog/invoke',
        api_key_as_header: true,
        api_key: 'graylog',
        api_secret: { is_set: true },
        basic_auth: { is_set: false },
        skip_tls_verification: false,
      },
    },
    {
      id: EVENT_IDS.emailNotification,
      title: 'SOC mailbox',
      description: '',
      config: {
        type: 'email-notification-v1',
        sender: 'graylog@example.internal',
        subject: 'Graylog event notification: ${event_definition_title}',
        body_template: '${event.message}',
        html_body_template: '',
        email_recipients: ['soc@example.internal'],
        user_recipients: [],
        time_zone: 'UTC',
        lookup_recipient_emails: false,
        single_email: false,
      },
    },
  ];
}

const TITLES: Record<string, string> = {
  [EVENT_IDS.highSeverity]: 'Wazuh: high severity alert',
  [EVENT_IDS.bruteForce]: 'SSH brute force',
};

/**
 * org.graylog.events.event.EventDto documents, one every 30 minutes back from `now`, so relative time ranges
 * select a predictable number of them.
 */
export function seedEvents(now: number, count = 12): Json[] {
  const customers = ['ACME', 'GLOBEX'];
  return Array.from({ length: count }, (_, i) => {
    const definitionId = i % 3 === 0 ? EVENT_IDS.bruteForce : EVENT_IDS.highSeverity;
    const at = now - (i * 30 + 1) * 60_000;
    const iso = new Date(at).toISOString();
    const customer = customers[i % customers.length];
    return {
      id: `01HX${String(i).padStart(4, '0')}Q8Z3K7F2M9N4P6R1T`,
      event_definition_type: 'aggregation-v1',
      event_definition_id: definitionId,
      origin_context: `urn:graylog:message:es:wazuh_${7 + (i % 2)}:${(9_000_000 + i).toString(16)}`,
      timestamp: iso,
      timestamp_processing: new Date(at + 2_000).toISOString(),
      timerange_start: new Date(at - 300_000).toISOString(),
      timerange_end: iso,
      streams: [IDS.allEventsStream],
      source_streams: [IDS.wazuhStream],
      message: `${TITLES[definitionId]} on ${customer.toLowerCase()}-srv-${(i % 4) + 1}`,
      source: 'graylog-node-1',
      key_tuple: [],
      key: '',
      priority: definitionId === EVENT_IDS.highSeverity ? 3 : 2,
      // Every fourth event comes from a definition run without alerting (event only).
      alert: i % 4 !== 3,
      fields: { customer_code: customer, agent_name: `${customer.toLowerCase()}-srv-${(i % 4) + 1}` },
      group_by_fields: {},
      associated_assets: [],
    };
  });
}
