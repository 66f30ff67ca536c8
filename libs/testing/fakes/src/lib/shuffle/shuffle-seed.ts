/**
 * Demo data of the fake Shuffle backend: workflows as a SOC running CoPilot would have them. Field names follow
 * Shuffle's `Workflow`/`Action` JSON (Shuffle docs/API.md "Create new workflow" success response, and the struct
 * tags of shuffle-shared structs.go as of 2026-06); only the fields a client reads are filled in.
 */

/** How an execution of a workflow ends in the fake: a terminal status, or `never` (stays EXECUTING). */
export type FakeExecutionOutcome = 'FINISHED' | 'ABORTED' | 'FAILURE' | 'never';

export interface FakeShuffleAction {
  id: string;
  label: string;
  app_name: string;
  app_version: string;
  name: string;
}

export interface FakeShuffleWorkflow {
  id: string;
  name: string;
  description: string;
  is_valid: boolean;
  start: string;
  owner: string;
  org_id: string;
  tags: string[];
  actions: FakeShuffleAction[];
  triggers: { id: string; name: string; trigger_type: string; status: string }[];
  created: number;
  edited: number;
  /** Fake-only: how executions of this workflow end. Not sent on the wire. */
  outcome: FakeExecutionOutcome;
}

const ORG = '4f3b7c1e-2d2a-4b55-9a49-0c3c1b4b8f10';
const OWNER = '9e1f1a52-6b7d-4c1e-8a55-3f8b2a1d7c44';

export const SHUFFLE_WORKFLOW_IDS = {
  notify: '8f3c6a10-f5ca-432c-aef9-c5e038166c45',
  enrich: 'c2d8e4a1-7b9f-4e3a-9c51-2a6b8d0f1e37',
  isolate: '1a7e5b3c-9d2f-4c8a-b6e4-7f0a2c9d5e81',
} as const;

export function seedShuffleWorkflows(): FakeShuffleWorkflow[] {
  const created = 1_714_000_000;
  return [
    {
      id: SHUFFLE_WORKFLOW_IDS.notify,
      name: 'CoPilot - Alert notification',
      description: 'Sends a CoPilot alert to the customer channel',
      is_valid: true,
      start: 'de10798e-2c66-4e0c-bfdd-8b645a8e3748',
      owner: OWNER,
      org_id: ORG,
      tags: ['copilot', 'notification'],
      actions: [
        {
          id: 'de10798e-2c66-4e0c-bfdd-8b645a8e3748',
          label: 'parse_alert',
          app_name: 'Shuffle Tools',
          app_version: '1.2.0',
          name: 'repeat_back_to_me',
        },
        {
          id: 'bdec0a1c-381c-4e90-ba04-db40db98406c',
          label: 'send_email',
          app_name: 'Email',
          app_version: '1.3.0',
          name: 'send_email_shuffle',
        },
      ],
      triggers: [
        { id: 'a4b1c2d3-0000-4000-8000-000000000001', name: 'Webhook', trigger_type: 'WEBHOOK', status: 'running' },
      ],
      created,
      edited: created + 3_600,
      outcome: 'FINISHED',
    },
    {
      id: SHUFFLE_WORKFLOW_IDS.enrich,
      name: 'Enrich IoC with VirusTotal',
      description: 'Looks up the IoC of an alert and comments the verdict',
      is_valid: true,
      start: '5b2e1f0c-3a4d-4e6f-8a9b-0c1d2e3f4a5b',
      owner: OWNER,
      org_id: ORG,
      tags: ['enrichment'],
      actions: [
        {
          id: '5b2e1f0c-3a4d-4e6f-8a9b-0c1d2e3f4a5b',
          label: 'vt_lookup',
          app_name: 'Virustotal v3',
          app_version: '1.0.0',
          name: 'get_a_file_report',
        },
      ],
      triggers: [],
      created: created + 86_400,
      edited: created + 90_000,
      outcome: 'FAILURE',
    },
    {
      id: SHUFFLE_WORKFLOW_IDS.isolate,
      name: 'Isolate host via Velociraptor',
      description: 'Quarantines an endpoint; waits for analyst approval',
      is_valid: true,
      start: '0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b',
      owner: OWNER,
      org_id: ORG,
      tags: ['response'],
      actions: [
        {
          id: '0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b',
          label: 'quarantine',
          app_name: 'Velociraptor',
          app_version: '1.0.0',
          name: 'collect_artifact',
        },
      ],
      triggers: [
        {
          id: 'a4b1c2d3-0000-4000-8000-000000000002',
          name: 'User input',
          trigger_type: 'USERINPUT',
          status: 'running',
        },
      ],
      created: created + 172_800,
      edited: created + 172_800,
      // Waits for a human: the execution never finishes on its own.
      outcome: 'never',
    },
  ];
}

/** App authentications visible to the key's organisation (Shuffle docs/API.md "List App Authentication"). */
export function seedShuffleAppAuth(): Record<string, unknown>[] {
  return [
    {
      id: '7c1d5e2a-0b3f-4a6c-9d8e-1f2a3b4c5d6e',
      label: 'VirusTotal production key',
      active: true,
      app: { name: 'Virustotal v3', id: 'e5d625cee91f5f8328f2f4ef09ef313e', app_version: '1.0.0' },
      // Shuffle never returns stored secret values, only the field names.
      fields: [{ key: 'apikey', value: '' }],
      created: 1_714_000_000,
      edited: 1_714_000_000,
      org_id: ORG,
    },
  ];
}
