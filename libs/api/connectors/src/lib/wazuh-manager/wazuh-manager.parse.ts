import { NotFoundError, UpstreamAuthError, UpstreamFormatError, UpstreamHttpError } from '@copilot/api-core';
import { isObject, parseVersion } from '../wazuh-indexer/wazuh-indexer.parse';
import {
  WAZUH_MANAGER,
  type WazuhAgent,
  type WazuhApiInfo,
  type WazuhBulkResult,
  type WazuhClusterStatus,
  type WazuhFailedItem,
  type WazuhPage,
  type WazuhUpgradeTask,
} from './wazuh-manager.types';

/**
 * Checks on what the manager answered. Shapes follow the Wazuh server REST API v4 reference (wazuh/wazuh
 * `api/api/spec/spec.yaml`): success is `{data: {affected_items, total_affected_items, total_failed_items,
 * failed_items}, message, error}` with `error` 0 (all done), 1 (nothing done) or 2 (partly done); failures are
 * problem documents `{title, detail, error?|code?, remediation?}`. Only what CoPilot relies on is checked, so a
 * proxy's JSON or another product on the port becomes a clear error instead of a TypeError in a feature.
 */

type Json = Record<string, unknown>;

export function unexpected(call: string, what: string): UpstreamFormatError {
  return new UpstreamFormatError(
    WAZUH_MANAGER,
    `unexpected answer to ${call}: ${what} (is the URL the Wazuh server API, usually port 55000?)`,
  );
}

function parseFailed(raw: unknown): WazuhFailedItem[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((entry) => {
    const error = isObject(entry['error']) ? entry['error'] : {};
    const ids = Array.isArray(entry['id'])
      ? entry['id'].map(String)
      : entry['id'] !== undefined
        ? [String(entry['id'])]
        : [];
    return {
      code: typeof error['code'] === 'number' ? error['code'] : 0,
      message: typeof error['message'] === 'string' ? error['message'] : 'unknown error',
      ...(typeof error['remediation'] === 'string' ? { remediation: error['remediation'] } : {}),
      ids,
    };
  });
}

function affected(body: unknown, call: string): { data: Json; items: unknown[] } {
  const data = isObject(body) ? body['data'] : undefined;
  if (!isObject(data) || !Array.isArray(data['affected_items'])) throw unexpected(call, 'no data.affected_items');
  return { data, items: data['affected_items'] };
}

/** A list answer; `item` checks (and may narrow) each entry. */
export function parsePage<T>(body: unknown, call: string, item: (raw: unknown) => T | null): WazuhPage<T> {
  const { data, items } = affected(body, call);
  const parsed = items.map((raw) => {
    const value = item(raw);
    if (value === null) throw unexpected(call, 'an item without its identifying field');
    return value;
  });
  const total = typeof data['total_affected_items'] === 'number' ? data['total_affected_items'] : parsed.length;
  return { items: parsed, total, failed: parseFailed(data['failed_items']) };
}

/** Per-agent reads report an unknown agent as failed item 1701 in a 200 answer; CoPilot makes that a 404. */
export function requireKnownAgent<T>(agentId: string, page: WazuhPage<T>): WazuhPage<T> {
  if (page.failed.some((failure) => failure.code === 1701 && failure.ids.includes(agentId))) {
    throw new NotFoundError(`${WAZUH_MANAGER}: agent ${agentId} does not exist`);
  }
  return page;
}

/** An action answer (delete, upgrade, active response, restart). */
export function parseBulk<T>(body: unknown, call: string, item: (raw: unknown) => T | null): WazuhBulkResult<T> {
  const page = parsePage(body, call, item);
  const message = isObject(body) && typeof body['message'] === 'string' ? body['message'] : '';
  return { affected: page.items, failed: page.failed, message };
}

/** Items identified by a string field (agent ids come back as strings, but tolerate numbers). */
export const withStringKey =
  <T>(key: string) =>
  (raw: unknown): T | null => {
    if (!isObject(raw)) return null;
    const value = raw[key];
    if (typeof value === 'number') return { ...raw, [key]: String(value).padStart(key === 'id' ? 3 : 0, '0') } as T;
    return typeof value === 'string' ? (raw as T) : null;
  };

/** Items identified by a numeric field (rule ids, SCA check ids). */
export const withNumberKey =
  <T>(key: string) =>
  (raw: unknown): T | null => {
    if (!isObject(raw)) return null;
    const value = typeof raw[key] === 'string' && /^\d+$/.test(raw[key] as string) ? Number(raw[key]) : raw[key];
    return typeof value === 'number' ? ({ ...raw, [key]: value } as T) : null;
  };

export const anyObject = <T>(raw: unknown): T | null => (isObject(raw) ? (raw as T) : null);

export const plainString = (raw: unknown): string | null =>
  typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;

export const agentItem = withStringKey<WazuhAgent>('id');

/** `PUT /agents/upgrade` items: `{agent, task_id}`. */
export function upgradeItem(raw: unknown): WazuhUpgradeTask | null {
  const task = anyObject<{ agent?: unknown; task_id?: unknown }>(raw);
  const agent = plainString(task?.agent);
  return agent !== null && typeof task?.task_id === 'number' ? { agent, taskId: task.task_id } : null;
}

/** `GET /` → `{data: BasicInfo}`; an odd `api_version` is kept, never rejected. */
export function parseApiInfo(body: unknown): WazuhApiInfo {
  const data = isObject(body) ? body['data'] : undefined;
  if (!isObject(data) || data['api_version'] === undefined) throw unexpected('GET /', 'no data.api_version');
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  return {
    title: text('title') ?? 'Wazuh API',
    apiVersion: parseVersion(data['api_version']),
    revision: text('revision'),
    hostname: text('hostname'),
    timestamp: text('timestamp'),
  };
}

/** `POST /security/user/authenticate` → `{data: {token}, error: 0}`. */
export function parseToken(body: unknown): string {
  const data = isObject(body) ? body['data'] : undefined;
  const token = isObject(data) ? data['token'] : undefined;
  if (typeof token !== 'string' || token.trim() === '') {
    throw unexpected('POST /security/user/authenticate', 'no data.token');
  }
  return token;
}

/** `GET /cluster/status` → `{data: {enabled: "yes"|"no", running: "yes"|"no"}}`. */
export function parseClusterStatus(body: unknown): WazuhClusterStatus {
  const data = isObject(body) ? body['data'] : undefined;
  if (!isObject(data) || !('enabled' in data) || !('running' in data)) {
    throw unexpected('GET /cluster/status', 'no data.enabled/data.running');
  }
  const yes = (value: unknown) => value === 'yes' || value === true;
  return { enabled: yes(data['enabled']), running: yes(data['running']) };
}

/** `title: detail` of a Wazuh problem document, when the body is one. */
export function problemText(body: unknown): string | null {
  if (!isObject(body)) return null;
  const title = typeof body['title'] === 'string' ? body['title'] : null;
  const detail = typeof body['detail'] === 'string' ? body['detail'] : null;
  if (!title && !detail) return null;
  return title && detail ? `${title}: ${detail}` : (title ?? detail);
}

/** The Wazuh error code of a problem document (`error` in most answers, `code` in some). */
export function problemCode(body: unknown): number | null {
  if (!isObject(body)) return null;
  const code = body['error'] ?? body['code'];
  return typeof code === 'number' ? code : null;
}

/**
 * Re-words an HTTP error with Wazuh's own `title: detail` (the generic helper only knows vendors that put a
 * `message` or `error.reason` in their bodies), keeping the class so callers can still tell 401/403 apart.
 */
export function withWazuhDetail(
  err: UpstreamHttpError,
  method: string,
  path: string,
  lead401 = 'wrong credentials',
): UpstreamHttpError {
  const text = problemText(err.upstreamBody) ?? (err.upstreamStatus === 401 ? 'Unauthorized' : null);
  if (!text) return err;
  const where = `${method} ${path}`;
  const status = err.upstreamStatus;
  if (err instanceof UpstreamAuthError) {
    const lead = status === 401 ? lead401 : 'access denied';
    return new UpstreamAuthError(
      WAZUH_MANAGER,
      status,
      `${lead} (HTTP ${status} from ${where}): ${text}`,
      err.upstreamBody,
    );
  }
  return new UpstreamHttpError(WAZUH_MANAGER, status, `HTTP ${status} from ${where}: ${text}`, err.upstreamBody);
}
