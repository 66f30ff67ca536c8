import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';

/**
 * State and helpers shared by the fake Graylog's route modules. Response shapes follow the Graylog 6.1 REST API
 * (the Swagger/OpenAPI reference each server serves under `/api/api-browser`, generated from the server's
 * response models; Graylog2/graylog2-server tag 6.1.10). Every route module cites the model it follows.
 */

export type Json = Record<string, unknown>;

export interface FakeGraylogUser {
  id: string;
  username: string;
  password: string;
  fullName: string;
  email: string;
  /** Role names, as `GET /api/users/{username}` lists them. */
  roles: string[];
}

export interface FakeGraylogRole {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  read_only: boolean;
}

/** Metric values as Dropwizard keeps them; routes render them in the two shapes Graylog answers with. */
export type FakeMetric =
  | { type: 'gauge'; value: number | string | boolean }
  | { type: 'counter'; count: number }
  | { type: 'meter'; count: number; m1: number; m5: number; m15: number; mean: number }
  | {
      type: 'timer';
      count: number;
      min: number;
      max: number;
      mean: number;
      stddev: number;
      p95: number;
      p99: number;
      m1: number;
      m5: number;
      m15: number;
      meanRate: number;
    };

export interface FakeGraylogSystem {
  version: string;
  clusterId: string;
  nodeId: string;
  hostname: string;
  /** Lower-cased Lifecycle description: `running`, `paused`, `starting`, `halting`, `failed`, `throttled`. */
  lifecycle: string;
  isProcessing: boolean;
  startedAt: string;
  timezone: string;
}

export interface FakeGraylogState {
  system: FakeGraylogSystem;
  users: FakeGraylogUser[];
  roles: FakeGraylogRole[];
  /** Access token value → username. */
  tokens: Map<string, string>;
  inputs: Json[];
  inputStates: Json[];
  indexSets: Json[];
  indexSetStats: Record<string, { indices: number; documents: number; size: number }>;
  streams: Json[];
  pipelines: Json[];
  rules: Json[];
  eventDefinitions: Json[];
  notifications: Json[];
  /** EventDto documents as stored in the events index; `timestamp` is ISO 8601 UTC. */
  events: Json[];
  metrics: Map<string, FakeMetric>;
  journal: Json;
}

/** Who a request authenticated as, and how. */
export interface FakeGraylogCaller {
  user: FakeGraylogUser;
  viaToken: boolean;
}

export type RouteParams = Record<string, string>;
export type GraylogRouteHandler = (
  state: FakeGraylogState,
  req: RecordedRequest,
  params: RouteParams,
  caller: FakeGraylogCaller,
) => FakeResponse;

export interface GraylogRoute {
  method: string;
  /** Path under `/api`, with `{name}` segments for parameters. */
  pattern: string;
  handler: GraylogRouteHandler;
}

export function matchGraylogRoute(
  routes: GraylogRoute[],
  method: string,
  path: string,
): { route: GraylogRoute; params: RouteParams } | { methodNotAllowed: true } | undefined {
  const segments = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: RouteParams = {};
    const ok = parts.every((part, i) => {
      if (!part.startsWith('{')) return part === segments[i];
      params[part.slice(1, -1)] = segments[i];
      return true;
    });
    if (!ok) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

export const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });
export const noContent = (): FakeResponse => ({ status: 204 });

/**
 * Graylog's error body: `{"type":"ApiError","message":...}` (org.graylog2.plugin.rest.ApiError, rendered by
 * WebApplicationExceptionMapper for 400/403/404 answers).
 */
export const apiError = (status: number, message: string): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: { type: 'ApiError', message },
});

export const isAdmin = (caller: FakeGraylogCaller): boolean => caller.user.roles.includes('Admin');

/** The request body as a JSON object, or the 400 Graylog answers to a body it cannot map. */
export function jsonBody(req: RecordedRequest): { body: Json } | { error: FakeResponse } {
  if (req.body.trim() === '') return { body: {} };
  try {
    const parsed: unknown = JSON.parse(req.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as Json };
  } catch {
    // fall through to the 400 below
  }
  return { error: apiError(400, 'Unable to map request body: expected a JSON object') };
}

/** `page`/`per_page` query parameters with Graylog's defaults (1 and 50). */
export function paging(req: RecordedRequest): { page: number; perPage: number } {
  const page = Number(req.query['page'] ?? '1');
  const perPage = Number(req.query['per_page'] ?? '50');
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    perPage: Number.isInteger(perPage) && perPage > 0 ? perPage : 50,
  };
}

/**
 * org.graylog2.rest.models.PaginatedResponse: the pagination fields (`total`, `page`, `per_page`, `count`) at
 * the top level beside the list under `listKey`, plus `query`, `grand_total` and `context` when present.
 */
export function paginated(
  listKey: string,
  all: Json[],
  req: RecordedRequest,
  extra: { query?: string; grandTotal?: number; context?: Json } = {},
): FakeResponse {
  const { page, perPage } = paging(req);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  return ok({
    total: all.length,
    page,
    per_page: perPage,
    count: slice.length,
    [listKey]: slice,
    ...(extra.query !== undefined ? { query: extra.query } : {}),
    ...(extra.grandTotal !== undefined ? { grand_total: extra.grandTotal } : {}),
    ...(extra.context ? { context: extra.context } : {}),
  });
}

/** Graylog's search-query syntax reduced to what the fake needs: a case-insensitive match on `title`. */
export function matchesQuery(entity: Json, query: string): boolean {
  const needle = query
    .trim()
    .replace(/^title:/, '')
    .toLowerCase();
  return (
    needle === '' ||
    String(entity['title'] ?? '')
      .toLowerCase()
      .includes(needle)
  );
}
