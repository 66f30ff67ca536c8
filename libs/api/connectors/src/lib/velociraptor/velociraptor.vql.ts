import { BadInputError } from '@copilot/api-core';

/**
 * The VQL CoPilot sends. Every text here is constant: values (ids, search terms, artifact names, parameters) are
 * never spliced into VQL but travel as VQLEnv variables that the query names, so a value such as
 * `x') FROM scope() ; SELECT * FROM execve(...` stays a string, whatever it contains. Ids are validated as well,
 * so a malformed id is a 400 before any call.
 */
export const VQL = {
  info: 'SELECT * FROM info()',
  orgs: 'SELECT Name, OrgId FROM orgs()',
  clients:
    'SELECT client_id, agent_information, os_info, first_seen_at, last_seen_at, last_ip, labels FROM clients(search=Search)',
  client:
    'SELECT client_id, agent_information, os_info, first_seen_at, last_seen_at, last_ip, labels FROM clients(client_id=ClientId)',
  collect:
    'SELECT collect_client(client_id=ClientId, artifacts=parse_json_array(data=Artifacts), env=parse_json(data=Parameters)) AS Flow FROM scope()',
  flows: 'SELECT * FROM flows(client_id=ClientId)',
  flow: 'SELECT * FROM flows(client_id=ClientId, flow_id=FlowId)',
  source: 'SELECT * FROM source(client_id=ClientId, flow_id=FlowId, artifact=Artifact)',
  sourceNamed: 'SELECT * FROM source(client_id=ClientId, flow_id=FlowId, artifact=Artifact, source=Source)',
  download: 'SELECT create_flow_download(client_id=ClientId, flow_id=FlowId, wait=TRUE) AS Path FROM scope()',
  downloadNoWait: 'SELECT create_flow_download(client_id=ClientId, flow_id=FlowId, wait=FALSE) AS Path FROM scope()',
} as const;

/** Velociraptor client ids: `C.` and 16 hex digits (the server's own id `server` is not a client). */
export const CLIENT_ID = /^C\.[0-9a-f]{16}$/;
/** Flow ids: `F.` and base32 (upper-case letters and digits). */
export const FLOW_ID = /^F\.[A-Z0-9]{1,40}$/;
/** `Category.Name[.More]`, optionally `/Source`. */
const ARTIFACT = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*(\/[A-Za-z0-9_ .-]{1,100})?$/;
const SOURCE = /^[A-Za-z0-9_ .-]{1,100}$/;
const ORG_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** A VQL variable name, as the query refers to it. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PARAMETER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const MAX_VALUE = 64 * 1024;

const bad = (field: string, message: string) => new BadInputError(`${field}: ${message}`, [{ field, message }]);

export function assertClientId(value: unknown, field = 'clientId'): string {
  if (typeof value !== 'string' || !CLIENT_ID.test(value))
    throw bad(field, 'must be a Velociraptor client id (C. and 16 hex digits)');
  return value;
}

export function assertFlowId(value: unknown, field = 'flowId'): string {
  if (typeof value !== 'string' || !FLOW_ID.test(value))
    throw bad(field, 'must be a Velociraptor flow id (F. and upper-case letters or digits)');
  return value;
}

export function assertArtifact(value: unknown, field = 'artifact'): string {
  if (typeof value !== 'string' || value.length > 200 || !ARTIFACT.test(value)) {
    throw bad(field, 'must be an artifact name such as Windows.KapeFiles.Targets (optionally /Source)');
  }
  return value;
}

export function assertSource(value: unknown, field = 'source'): string {
  if (typeof value !== 'string' || !SOURCE.test(value))
    throw bad(field, 'must be a source name (letters, digits, _ . - and spaces)');
  return value;
}

export function assertOrgId(value: unknown, field = 'orgId'): string {
  if (typeof value !== 'string' || !ORG_ID.test(value))
    throw bad(field, 'must be a Velociraptor org id such as root or O7KQ2');
  return value;
}

/** A free-text value (a search term): any characters, but bounded and without control characters. */
export function assertText(value: unknown, field: string, maxLength = 256): string {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.length > maxLength || /[\u0000-\u001f\u007f]/.test(value)) {
    throw bad(field, `must be text of at most ${maxLength} characters without control characters`);
  }
  return value;
}

/** Checks the env of a free-form query: variable names VQL can refer to, string values of bounded size. */
export function assertEnv(env: Record<string, string> | undefined): { key: string; value: string }[] {
  if (env === undefined) return [];
  if (!env || typeof env !== 'object' || Array.isArray(env)) throw bad('env', 'must be an object of variables');
  return Object.entries(env).map(([key, value]) => {
    if (!VARIABLE.test(key))
      throw bad(`env.${key}`, 'variable names are letters, digits and _, not starting with a digit');
    if (typeof value !== 'string' || value.length > MAX_VALUE)
      throw bad(`env.${key}`, `must be a string of at most ${MAX_VALUE} characters`);
    return { key, value };
  });
}

/** Artifact parameters for collect_client: named like VQL variables, string values. */
export function assertParameters(parameters: Record<string, string> | undefined): Record<string, string> {
  if (parameters === undefined) return {};
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))
    throw bad('parameters', 'must be an object');
  for (const [key, value] of Object.entries(parameters)) {
    if (!PARAMETER.test(key)) throw bad(`parameters.${key}`, 'parameter names are letters, digits and _');
    if (typeof value !== 'string' || value.length > MAX_VALUE) throw bad(`parameters.${key}`, 'must be a string');
  }
  return parameters;
}
