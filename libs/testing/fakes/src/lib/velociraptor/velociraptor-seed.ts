/**
 * Seeded state of the fake Velociraptor server. Row shapes follow Velociraptor v0.77.2 as cited beside each type;
 * proto messages are rendered the way the server's `json.ConvertProtoToOrderedDict` renders them (proto field
 * names, numbers for integers, enum values by name, microsecond timestamps).
 */

export type Row = Record<string, unknown>;

/** One row of `orgs()`: vql/server/orgs/orgs.go sets `Name` and `OrgId` (plus `_client_config` for real orgs). */
export interface FakeVelociraptorOrg {
  Name: string;
  OrgId: string;
}

/** ApiClient (api/proto/clients.proto) with its Uname `os_info` and AgentInformation `agent_information`. */
export interface FakeVelociraptorEndpoint extends Row {
  client_id: string;
  agent_information: { version: string; name: string; build_time: string; build_url: string };
  os_info: {
    system: string;
    hostname: string;
    release: string;
    machine: string;
    fqdn: string;
    mac_addresses: string[];
  };
  first_seen_at: number;
  last_seen_at: number;
  last_ip: string;
  last_interrogate_flow_id: string;
  last_interrogate_artifact_name: string;
  labels: string[];
  last_hunt_timestamp: number;
  last_event_table_version: number;
  last_label_timestamp: number;
  in_flight_flows: Record<string, number>;
}

/** ArtifactCollectorContext (flows/proto/artifact_collector.proto), the row shape of `flows()`. */
export interface FakeVelociraptorFlow extends Row {
  client_id: string;
  session_id: string;
  request: Row;
  create_time: number;
  start_time: number;
  active_time: number;
  total_uploaded_files: number;
  total_expected_uploaded_bytes: number;
  total_uploaded_bytes: number;
  total_collected_rows: number;
  total_logs: number;
  state: 'UNSET' | 'RUNNING' | 'WAITING' | 'IN_PROGRESS' | 'UNRESPONSIVE' | 'FINISHED' | 'ERROR';
  status: string;
  artifacts_with_results: string[];
  execution_duration: number;
}

export interface VelociraptorSeed {
  orgs: FakeVelociraptorOrg[];
  /** Clients per org id. */
  clients: Record<string, FakeVelociraptorEndpoint[]>;
  flows: FakeVelociraptorFlow[];
  /** Result rows keyed `<client_id>/<flow_id>/<artifact>` (the artifact name may carry `/Source`). */
  results: Record<string, Row[]>;
  /** Artifacts the server knows; collecting anything else fails as on a real server. */
  artifacts: string[];
}

const MICROS = 1_000_000;
const NOW_US = Date.UTC(2024, 4, 2, 9, 30, 0) * 1000;

function client(
  id: string,
  hostname: string,
  system: string,
  release: string,
  ip: string,
  labels: string[],
): FakeVelociraptorEndpoint {
  return {
    client_id: id,
    agent_information: {
      version: '0.77.2',
      name: 'velociraptor',
      build_time: '2024-04-10T05:15:42Z',
      build_url: '',
    },
    os_info: {
      system,
      hostname,
      release,
      machine: 'amd64',
      fqdn: `${hostname}.corp.example`,
      mac_addresses: ['00:15:5d:01:02:03'],
    },
    first_seen_at: NOW_US / MICROS - 86_400 * 30,
    last_seen_at: NOW_US - 45 * MICROS,
    last_ip: `${ip}:52144`,
    last_interrogate_flow_id: 'F.CPQ2T9N6V0O1A',
    last_interrogate_artifact_name: 'Generic.Client.Info',
    labels,
    last_hunt_timestamp: 0,
    last_event_table_version: 1714641000,
    last_label_timestamp: NOW_US - 3600 * MICROS,
    in_flight_flows: {},
  };
}

/** An ArtifactCollectorContext row for a flow created now (also used when the fake schedules a collection). */
export function flowRow(
  clientId: string,
  flowId: string,
  artifacts: string[],
  creator: string,
  state: FakeVelociraptorFlow['state'],
  createTimeUs: number,
): FakeVelociraptorFlow {
  const finished = state === 'FINISHED';
  return {
    client_id: clientId,
    session_id: flowId,
    request: {
      creator,
      client_id: clientId,
      flow_id: flowId,
      artifacts,
      specs: artifacts.map((artifact) => ({ artifact, parameters: { env: [] } })),
      timeout: 600,
      max_rows: 1_000_000,
      max_upload_bytes: 1_073_741_824,
    },
    create_time: createTimeUs,
    start_time: createTimeUs + 2 * MICROS,
    active_time: finished ? createTimeUs + 9 * MICROS : 0,
    total_uploaded_files: 0,
    total_expected_uploaded_bytes: 0,
    total_uploaded_bytes: 0,
    total_collected_rows: 0,
    total_logs: finished ? 4 : 0,
    state,
    status: '',
    artifacts_with_results: finished ? artifacts : [],
    execution_duration: finished ? 7_012_345_678 : 0,
  };
}

const PROCESSES = ['systemd', 'sshd', 'cron', 'rsyslogd', 'nginx', 'postgres', 'dockerd', 'containerd', 'bash'];

/** A small estate: two orgs, four clients, finished flows with results (one large enough to need several parts). */
export function defaultVelociraptorSeed(): VelociraptorSeed {
  const web = client('C.1a2b3c4d5e6f7081', 'web-01', 'linux', 'Ubuntu 22.04.4 LTS', '10.0.1.21', [
    'customer_ACME',
    'web',
  ]);
  const dc = client('C.0f1e2d3c4b5a6978', 'ACME-DC01', 'windows', 'Windows Server 2022 Datacenter', '10.0.1.5', [
    'customer_ACME',
  ]);
  const mac = client('C.9a8b7c6d5e4f3a2b', 'globex-mbp', 'darwin', 'macOS 14.4.1', '10.2.0.44', ['customer_GLOBEX']);
  const lab = client('C.00aa11bb22cc33dd', 'lab-vm', 'linux', 'Debian GNU/Linux 12', '192.168.56.10', []);
  const pslistFlow = flowRow(
    web.client_id,
    'F.CPQ2T9N6V0O1A',
    ['Generic.Client.Info'],
    'copilot',
    'FINISHED',
    NOW_US - 7200 * MICROS,
  );
  const psFlow = flowRow(
    web.client_id,
    'F.CPQ4A1B2C3D4E',
    ['Linux.Sys.Pslist'],
    'admin',
    'FINISHED',
    NOW_US - 600 * MICROS,
  );
  psFlow.total_collected_rows = 25;
  pslistFlow.total_collected_rows = 1;
  const pslist = Array.from({ length: 25 }, (_, i) => ({
    Pid: 100 + i * 7,
    Ppid: i === 0 ? 1 : 100,
    Name: PROCESSES[i % PROCESSES.length],
    Username: i % 3 === 0 ? 'root' : 'www-data',
    CommandLine: `/usr/sbin/${PROCESSES[i % PROCESSES.length]} --worker ${i}`,
    StartTime: new Date(Date.UTC(2024, 4, 1, 8, 0, i)).toISOString(),
  }));
  return {
    orgs: [
      { Name: 'root', OrgId: 'root' },
      { Name: 'ACME', OrgId: 'O7KQ2' },
    ],
    clients: { root: [web, dc, mac, lab], O7KQ2: [web, dc] },
    flows: [pslistFlow, psFlow],
    results: {
      [`${web.client_id}/F.CPQ2T9N6V0O1A/Generic.Client.Info/BasicInformation`]: [
        {
          Name: 'velociraptor',
          BuildVersion: '0.77.2',
          Hostname: 'web-01',
          OS: 'linux',
          Architecture: 'amd64',
          Platform: 'ubuntu',
          PlatformVersion: '22.04',
          KernelVersion: '5.15.0-105-generic',
          Fqdn: 'web-01.corp.example',
        },
      ],
      [`${web.client_id}/F.CPQ4A1B2C3D4E/Linux.Sys.Pslist`]: pslist,
    },
    artifacts: [
      'Generic.Client.Info',
      'Linux.Sys.Pslist',
      'Windows.System.Pslist',
      'Windows.KapeFiles.Targets',
      'Generic.Forensic.LocalHashes.Glob',
    ],
  };
}
