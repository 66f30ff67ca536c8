import { BadInputError, ServiceUnavailableError } from '@copilot/api-core';
import { parseVersion } from '../wazuh-indexer/wazuh-indexer.parse';
import {
  PORTAINER,
  type PortainerEndpoint,
  type PortainerEnvVar,
  type PortainerStack,
  type PortainerStatus,
} from './portainer.types';

/**
 * Parsers of Portainer's JSON (the `portainer.Endpoint`, `portainer.Stack` and `portainer.Status` shapes of
 * api/portainer.go). Odd or missing fields become neutral values; only an answer of the wrong kind fails.
 */

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function unexpected(what: string, why: string): ServiceUnavailableError {
  return new ServiceUnavailableError(
    PORTAINER,
    `unexpected answer to ${what}: ${why} (is the URL a Portainer server?)`,
  );
}

/** Portainer stores epoch seconds; 0 means "never". */
function epochToIso(value: unknown): string | null {
  const n = num(value);
  return n === null || n <= 0 ? null : new Date(n * 1000).toISOString();
}

export function parseStatus(body: unknown): PortainerStatus {
  if (!isObject(body) || !('Version' in body)) throw unexpected('GET /api/system/status', 'no Version');
  return { version: parseVersion(body['Version']), instanceId: str(body['InstanceID']) };
}

export function parseEndpoint(raw: Json): PortainerEndpoint {
  const status = num(raw['Status']);
  return {
    id: num(raw['Id']) ?? 0,
    name: str(raw['Name']),
    type: num(raw['Type']) ?? 0,
    url: str(raw['URL']),
    groupId: num(raw['GroupId']),
    status: status === 1 ? 'up' : status === 2 ? 'down' : 'unknown',
  };
}

export function parseEndpoints(body: unknown): PortainerEndpoint[] {
  if (!Array.isArray(body)) throw unexpected('GET /api/endpoints', 'not a list of environments');
  return body.filter(isObject).map(parseEndpoint);
}

export function parseStack(raw: unknown, what: string): PortainerStack {
  if (!isObject(raw) || num(raw['Id']) === null) throw unexpected(what, 'not a stack');
  const type = num(raw['Type']);
  const status = num(raw['Status']);
  return {
    id: num(raw['Id']) ?? 0,
    name: str(raw['Name']),
    type: type === 1 ? 'swarm' : type === 2 ? 'compose' : type === 3 ? 'kubernetes' : 'unknown',
    endpointId: num(raw['EndpointId']) ?? 0,
    status: status === 1 ? 'active' : status === 2 ? 'inactive' : 'unknown',
    env: Array.isArray(raw['Env'])
      ? raw['Env'].filter(isObject).map((pair) => ({ name: str(pair['name']), value: str(pair['value']) }))
      : [],
    createdAt: epochToIso(raw['CreationDate']),
    createdBy: str(raw['CreatedBy']),
    updatedAt: epochToIso(raw['UpdateDate']),
    updatedBy: str(raw['UpdatedBy']),
  };
}

export function parseStacks(body: unknown): PortainerStack[] {
  // stack_list.go documents `204` for "no stacks"; the helper hands that over as an empty body.
  if (body === undefined) return [];
  if (!Array.isArray(body)) throw unexpected('GET /api/stacks', 'not a list of stacks');
  return body.map((stack) => parseStack(stack, 'GET /api/stacks'));
}

/** A positive integer id, or a 400 naming the field. */
export function assertId(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new BadInputError(`${field} must be a positive integer`, [{ field, message: 'must be a positive integer' }]);
  }
  return value;
}

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Refuses what Portainer would silently rename (it drops other characters) or reject. */
export function assertStackName(name: string): string {
  if (!STACK_NAME.test(name)) {
    throw new BadInputError('stack name must be 1-128 letters, digits, "-" or "_", starting with a letter or digit', [
      { field: 'name', message: 'invalid stack name' },
    ]);
  }
  return name.toLowerCase();
}

export function normaliseEnv(env: PortainerEnvVar[] | Record<string, string> | undefined): PortainerEnvVar[] {
  const pairs = Array.isArray(env) ? env : Object.entries(env ?? {}).map(([name, value]) => ({ name, value }));
  for (const pair of pairs) {
    if (!ENV_NAME.test(pair.name) || typeof pair.value !== 'string') {
      throw new BadInputError(`invalid environment variable ${JSON.stringify(pair.name)}`, [
        { field: 'env', message: 'names are letters, digits and "_"; values are strings' },
      ]);
    }
  }
  return pairs.map(({ name, value }) => ({ name, value }));
}

/** Portainer's `{message, details}` error body as one line. */
export function portainerReason(body: unknown): string {
  if (!isObject(body)) return 'no reason given';
  const message = str(body['message']);
  const details = str(body['details']);
  if (!message) return details || 'no reason given';
  return details && details !== message ? `${message} (${details})` : message;
}
