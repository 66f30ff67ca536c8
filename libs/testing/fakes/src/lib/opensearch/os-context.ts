import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import type { IndexStore } from './index-store';
import { OpenSearchError, parsingError } from './os-errors';
import type { PitRegistry } from './pit-registry';

/** State shared by the fake's route handlers. */
export interface OsContext {
  readonly store: IndexStore;
  readonly pits: PitRegistry;
  readonly cluster: { name: string; uuid: string; nodeName: string; version: string };
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (ctx: OsContext, req: RecordedRequest, params: RouteParams) => FakeResponse;

export interface Route {
  methods: string[];
  /** Segments: literals, or `{name}` for a path parameter (`{index}` never matches an `_api` segment). */
  pattern: string;
  handler: RouteHandler;
}

export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: RouteParams } | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (!route.methods.includes(method)) continue;
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: RouteParams = {};
    const ok = parts.every((part, i) => {
      if (part.startsWith('{')) {
        const name = part.slice(1, -1);
        // `/_search` must not read as an index called "_search"; document ids may start with `_`, though.
        if (name === 'index' && segments[i].startsWith('_') && segments[i] !== '_all') return false;
        params[name] = segments[i];
        return true;
      }
      return part === segments[i];
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/** The request body as a JSON object (empty object when there is none). */
export function jsonBody(req: RecordedRequest): Record<string, unknown> {
  if (req.body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch (err) {
    throw new OpenSearchError(400, 'json_parse_exception', `Unexpected character in request body: ${String(err)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw parsingError('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });

export const shardsHeader = (total: number) => ({ total, successful: total, skipped: 0, failed: 0 });
