import { BadInputError, ServiceUnavailableError } from '@copilot/api-core';
import {
  SHUFFLE,
  type ShuffleActionResult,
  type ShuffleExecution,
  type ShuffleExecutionsPage,
  type ShuffleWorkflow,
} from './shuffle.types';

/**
 * Parsers of Shuffle's JSON (shapes: Shuffle docs/API.md and the struct tags of shuffle-shared structs.go). They
 * read defensively: a missing or oddly typed field becomes an empty value rather than an exception, because
 * Shuffle's answers vary between releases; only an answer that is not the expected kind of thing at all fails.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const FINAL_STATUSES = new Set(['FINISHED', 'ABORTED', 'FAILURE', 'SUCCESS']);

export const isFinalStatus = (status: string): boolean => FINAL_STATUSES.has(status.toUpperCase());

/** Shuffle stores epoch seconds (some releases milliseconds); 0 means "not yet". */
export function epochToIso(value: unknown): string | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const date = new Date(n > 1e12 ? n : n * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shuffle ids are UUIDs; anything else is refused before a request (it could also smuggle a path). */
export function assertUuid(field: string, value: string): string {
  if (!UUID.test(value)) {
    throw new BadInputError(`${field} must be a Shuffle id (a UUID)`, [{ field, message: 'must be a UUID' }]);
  }
  return value.toLowerCase();
}

function unexpected(what: string, why: string): ServiceUnavailableError {
  return new ServiceUnavailableError(SHUFFLE, `unexpected answer to ${what}: ${why} (is the URL a Shuffle backend?)`);
}

export function parseWorkflows(body: unknown): ShuffleWorkflow[] {
  if (!Array.isArray(body)) throw unexpected('GET /api/v1/workflows', 'not a list of workflows');
  return body.filter(isObject).map((w) => ({
    id: str(w['id']),
    name: str(w['name']),
    description: str(w['description']),
    isValid: w['is_valid'] === true,
    start: str(w['start']),
    tags: Array.isArray(w['tags']) ? w['tags'].filter((t): t is string => typeof t === 'string') : [],
    actionCount: Array.isArray(w['actions']) ? w['actions'].length : 0,
    triggerCount: Array.isArray(w['triggers']) ? w['triggers'].length : 0,
    editedAt: epochToIso(w['edited']),
  }));
}

function parseActionResult(raw: Json): ShuffleActionResult {
  const action = isObject(raw['action']) ? raw['action'] : {};
  return {
    actionId: str(action['id']),
    label: str(action['label']),
    appName: str(action['app_name']),
    actionName: str(action['name']),
    status: str(raw['status']),
    result: str(raw['result']),
    startedAt: epochToIso(raw['started_at']),
    completedAt: epochToIso(raw['completed_at']),
  };
}

export function parseExecution(body: unknown, what: string): ShuffleExecution {
  if (!isObject(body) || typeof body['execution_id'] !== 'string' || typeof body['status'] !== 'string') {
    throw unexpected(what, 'no execution_id/status');
  }
  const status = body['status'];
  return {
    executionId: body['execution_id'],
    workflowId: str(body['workflow_id']),
    status,
    finished: isFinalStatus(status),
    executionArgument: str(body['execution_argument']),
    result: str(body['result']),
    startedAt: epochToIso(body['started_at']),
    completedAt: epochToIso(body['completed_at']),
    results: Array.isArray(body['results']) ? body['results'].filter(isObject).map(parseActionResult) : [],
  };
}

/** Both shapes Shuffle uses for a workflow's executions: a bare array, or `{success, executions, cursor}`. */
export function parseExecutionsPage(body: unknown, what: string): ShuffleExecutionsPage {
  let list: unknown;
  let cursor: string | null = null;
  if (Array.isArray(body)) list = body;
  else if (isObject(body) && (Array.isArray(body['executions']) || body['executions'] === null)) {
    list = body['executions'] ?? [];
    cursor = str(body['cursor']) || null;
  } else {
    throw unexpected(what, 'not a list of executions');
  }
  return { executions: (list as unknown[]).filter(isObject).map((e) => parseExecution(e, what)), cursor };
}
