import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import { badRequest, WazuhProblem } from './wazuh-envelope';
import type { WazuhState } from './wazuh-model';

export type RouteParams = Record<string, string>;

export interface RouteContext {
  state: WazuhState;
  req: RecordedRequest;
  params: RouteParams;
  /** The fake's clock (real time plus any offset a test applied). */
  now: number;
}

export interface WazuhRoute {
  method: string;
  /** Literal segments and `{name}` placeholders, e.g. `/sca/{agent_id}/checks/{policy_id}`. */
  pattern: string;
  handler: (ctx: RouteContext) => FakeResponse;
}

export function matchRoute(
  routes: WazuhRoute[],
  method: string,
  path: string,
): { route: WazuhRoute; params: RouteParams } | 'method-not-allowed' | undefined {
  const segments = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: RouteParams = {};
    const ok = parts.every((part, i) => {
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segments[i];
        return true;
      }
      return part === segments[i];
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

const AGENT_ID = /^\d{3,}$/;

/** Validates a path or list agent id (spec.yaml v4.14.7 `AgentID`: string of digits, at least 3 long). */
export function checkAgentId(id: string): string {
  if (!AGENT_ID.test(id)) throw badRequest(`'${id}' does not match '^[0-9]{3,}$' - 'agent_id'`);
  return id;
}

/** Parses a `timeframe` (`10`, `30s`, `15m`, `12h`, `7d`, `1w`) into milliseconds. */
export function timeframeMs(raw: string, name: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(raw);
  if (!match) throw badRequest(`'${raw}' is not a 'timeframe' - '${name}'`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[match[2]] ?? 1;
  return Number(match[1]) * unit * 1000;
}

/** "Wazuh v4.7.5" or "4.14.7" → [4, 7, 5]; anything unparsable sorts lowest. */
export function versionTuple(raw: string | undefined): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(raw ?? '');
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Parses the JSON body of a PUT/POST; Wazuh answers 406 (error 6002) when the content type is not JSON. */
export function jsonBody(req: RecordedRequest): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/json') {
    // WrongContentTypeResponse (spec.yaml v4.14.7 components/responses).
    throw new WazuhProblem(406, 'Wazuh Error', 'The body type is not the one specified in the content-type', {
      error: 6002,
    });
  }
  try {
    const parsed: unknown = JSON.parse(req.body || '{}');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw badRequest('Invalid JSON body');
  }
}
