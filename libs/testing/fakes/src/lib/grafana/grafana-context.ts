import type { FakeResponse, RecordedRequest } from '../http/fake-http-server';
import type { GrafanaStore, OrgRole } from './grafana-store';

/** Who is calling: a user signed in with Basic auth, or a service-account token. */
export interface GrafanaIdentity {
  kind: 'user' | 'token';
  login: string;
  isGrafanaAdmin: boolean;
  /** The organization of this request (X-Grafana-Org-Id, else the user's first or the token's own). */
  orgId: number;
  role: OrgRole;
}

export interface GrafanaContext {
  store: GrafanaStore;
  identity: GrafanaIdentity;
  req: RecordedRequest;
  params: Record<string, string>;
}

export type GrafanaHandler = (ctx: GrafanaContext) => FakeResponse;

export interface GrafanaRoute {
  method: string;
  /** Literal segments and `:name` parameters, e.g. `/api/datasources/uid/:uid`. */
  pattern: string;
  handler: GrafanaHandler;
}

export function matchGrafanaRoute(
  routes: GrafanaRoute[],
  method: string,
  path: string,
): { route: GrafanaRoute; params: Record<string, string> } | undefined {
  const segments = path.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (route.method !== method || parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    if (
      parts.every((part, i) =>
        part.startsWith(':') ? ((params[part.slice(1)] = segments[i]), true) : part === segments[i],
      )
    ) {
      return { route, params };
    }
  }
  return undefined;
}

/** Grafana's plain error body: `{"message": ...}` plus optional fields such as `status` (HTTP API docs, 10.x/11.x). */
export const grafanaError = (status: number, message: string, extra: Record<string, unknown> = {}): FakeResponse => ({
  status,
  body: { message, ...extra },
});

/**
 * Errors of the authn service (pkg/util/errutil public errors): `{message, messageId, statusCode, traceID}`; e.g.
 * `api-key.invalid` "Invalid API key", `api-key.organization-mismatch`, `password-auth.failed`.
 */
export const authnError = (messageId: string, message: string): FakeResponse => ({
  status: 401,
  body: { message, messageId, statusCode: 401, traceID: '' },
});

/** RBAC refusal (Grafana 8.4+): 403 with the permission the caller lacks. */
export const accessDenied = (permission: string): FakeResponse => ({
  status: 403,
  body: {
    accessErrorId: 'ACE0123456789',
    message: `You'll need additional permissions to perform this action. Permissions needed: ${permission}`,
    title: 'Access denied',
  },
});

const RANK: Record<OrgRole, number> = { Viewer: 0, Editor: 1, Admin: 2 };

/** The caller's org role is at least `role`. */
export const hasRole = (identity: GrafanaIdentity, role: OrgRole): boolean => RANK[identity.role] >= RANK[role];

export function jsonBody(req: RecordedRequest): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(req.body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** uids: at most 40 characters of letters, digits, `-` and `_` (Dashboard/Folder HTTP API, "uid"). */
export const validUid = (uid: string): boolean => /^[A-Za-z0-9_-]{1,40}$/.test(uid);
