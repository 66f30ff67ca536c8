import { bodyExcerpt, UpstreamFormatError } from '@copilot/api-core';
import type { VqlResponseMessage } from './velociraptor.proto';
import {
  VELOCIRAPTOR,
  type VelociraptorFlowState,
  type VelociraptorEndpoint,
  type VelociraptorFlow,
  type VelociraptorOrg,
  type VelociraptorServerInfo,
  type VqlRow,
} from './velociraptor.types';

/**
 * Reading what the server answered. Rows are plain JSON objects whose fields vary between Velociraptor versions,
 * so the typed views below pick fields defensively and never throw on a missing or odd one; only an answer that is
 * not JSON rows at all is an error.
 */

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Velociraptor stores times as seconds (first_seen_at), microseconds (last_seen_at, flow times) or nanoseconds,
 * depending on the field and version; the magnitude tells which. 0 means "never".
 */
export function epochToIso(value: unknown): string | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
  const ms = n > 1e17 ? n / 1e6 : n > 1e14 ? n / 1e3 : n > 1e11 ? n : n * 1e3;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The rows of one VQLResponse: `Response` is a JSON array; newer servers may use line-delimited `JSONLResponse`. */
export function rowsOf(message: VqlResponseMessage): VqlRow[] {
  const garbage = (text: string) =>
    new UpstreamFormatError(VELOCIRAPTOR, `invalid JSON rows in a VQL response: ${bodyExcerpt(text)}`);
  if (message.Response) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.Response);
    } catch {
      throw garbage(message.Response);
    }
    if (!Array.isArray(parsed) || !parsed.every(isObject)) throw garbage(message.Response);
    return parsed;
  }
  if (message.JSONLResponse) {
    return message.JSONLResponse.split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          const row: unknown = JSON.parse(line);
          if (isObject(row)) return row;
        } catch {
          // reported below
        }
        throw garbage(line);
      });
  }
  return [];
}

export function parseServerInfo(row: VqlRow): VelociraptorServerInfo {
  return {
    hostname: str(row['Hostname']) ?? '',
    fqdn: str(row['Fqdn']),
    os: str(row['OS']),
    platform: str(row['Platform']),
    platformVersion: str(row['PlatformVersion']),
    kernelVersion: str(row['KernelVersion']),
    architecture: str(row['Architecture']),
  };
}

export function parseOrg(row: VqlRow): VelociraptorOrg {
  const id = str(row['OrgId']) ?? str(row['id']) ?? '';
  return { id, name: str(row['Name']) ?? str(row['name']) ?? id };
}

/** An ApiClient row (api/proto/clients.proto). */
export function parseEndpoint(row: VqlRow): VelociraptorEndpoint {
  const os = isObject(row['os_info']) ? row['os_info'] : {};
  const agent = isObject(row['agent_information']) ? row['agent_information'] : {};
  return {
    clientId: str(row['client_id']) ?? '',
    hostname: str(os['hostname']) ?? '',
    fqdn: str(os['fqdn']),
    os: str(os['system']),
    release: str(os['release']),
    machine: str(os['machine']),
    labels: strings(row['labels']),
    lastIp: str(row['last_ip']),
    agentVersion: str(agent['version']),
    firstSeenAt: epochToIso(row['first_seen_at']),
    lastSeenAt: epochToIso(row['last_seen_at']),
  };
}

const STATES: readonly VelociraptorFlowState[] = [
  'UNSET',
  'RUNNING',
  'WAITING',
  'IN_PROGRESS',
  'UNRESPONSIVE',
  'FINISHED',
  'ERROR',
];
/** Old servers rendered the state enum as its number. */
const STATE_NUMBERS: Record<number, VelociraptorFlowState> = {
  0: 'UNSET',
  1: 'RUNNING',
  2: 'FINISHED',
  3: 'ERROR',
  4: 'IN_PROGRESS',
  5: 'UNRESPONSIVE',
  6: 'WAITING',
};

function flowState(value: unknown): VelociraptorFlowState {
  if (typeof value === 'number') return STATE_NUMBERS[value] ?? 'UNKNOWN';
  return STATES.find((state) => state === value) ?? 'UNKNOWN';
}

/** An ArtifactCollectorContext row (flows/proto/artifact_collector.proto). */
export function parseFlow(row: VqlRow): VelociraptorFlow {
  const request = isObject(row['request']) ? row['request'] : {};
  return {
    flowId: str(row['session_id']) ?? str(request['flow_id']) ?? '',
    clientId: str(row['client_id']) ?? str(request['client_id']) ?? '',
    state: flowState(row['state']),
    artifacts: strings(request['artifacts']),
    artifactsWithResults: strings(row['artifacts_with_results']),
    creator: str(request['creator']),
    createdAt: epochToIso(row['create_time']),
    startedAt: epochToIso(row['start_time']),
    lastActiveAt: epochToIso(row['active_time']),
    totalCollectedRows: num(row['total_collected_rows']),
    totalUploadedFiles: num(row['total_uploaded_files']),
    totalUploadedBytes: num(row['total_uploaded_bytes']),
    status: typeof row['status'] === 'string' ? row['status'] : '',
  };
}
