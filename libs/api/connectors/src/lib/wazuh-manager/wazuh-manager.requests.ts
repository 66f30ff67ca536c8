import { BadInputError, type QueryValue } from '@copilot/api-core';
import {
  WAZUH_AGENT_STATUSES,
  type AgentListQuery,
  type ListQuery,
  type WazuhAgentStatus,
} from './wazuh-manager.types';

/**
 * Checks on what callers ask of the Wazuh API, before anything is sent: ids end up in paths and in
 * `agents_list`, where a malformed value could address other resources (`all` selects every agent).
 */

/** 400 naming the offending field. */
export const badInput = (field: string, message: string, detail?: string) =>
  new BadInputError(detail ?? `${field}: ${message}`, [{ field, message }]);
const bad = badInput;

/** Wazuh agent ids: digits, at least three (`001`); `all` and names are refused. */
export function agentId(id: string, field = 'agentId'): string {
  if (typeof id !== 'string' || !/^\d{3,}$/.test(id)) {
    throw bad(field, 'must be a Wazuh agent id of at least three digits, e.g. 001', `invalid agent id "${String(id)}"`);
  }
  return id;
}

/** Upper bound per call: `agents_list` travels in the query string, which proxies limit to a few kilobytes. */
export const MAX_AGENTS_PER_CALL = 500;

/** A non-empty list of distinct agent ids, joined for `agents_list`. */
export function agentList(ids: readonly string[], field = 'agents'): string {
  if (!Array.isArray(ids) || ids.length === 0) throw bad(field, 'name at least one agent');
  const unique = [...new Set(ids.map((id) => agentId(id, field)))];
  if (unique.length > MAX_AGENTS_PER_CALL) throw bad(field, `at most ${MAX_AGENTS_PER_CALL} agents per call`);
  return unique.join(',');
}

/** Group names as Wazuh allows them (letters, digits, `_`, `-`, `.`; not `.`/`..`). */
export function groupId(name: string): string {
  if (typeof name !== 'string' || !/^[\w.-]{1,128}$/.test(name) || name === '.' || name === '..') {
    throw bad('groupId', 'letters, digits, "_", "-" and "." only', `invalid group name "${String(name)}"`);
  }
  return name;
}

export function policyId(id: string): string {
  if (typeof id !== 'string' || !/^[\w.-]{1,256}$/.test(id)) {
    throw bad('policyId', 'letters, digits, "_", "-" and "." only', `invalid SCA policy id "${String(id)}"`);
  }
  return id;
}

export function statuses(list: readonly WazuhAgentStatus[] | undefined): string | undefined {
  if (list === undefined) return undefined;
  const unknown = list.filter((s) => !WAZUH_AGENT_STATUSES.includes(s));
  if (unknown.length > 0 || list.length === 0) {
    throw bad('status', `one or more of ${WAZUH_AGENT_STATUSES.join(', ')}`);
  }
  return [...new Set(list)].join(',');
}

export function pageSize(value: number | undefined): number {
  const size = value ?? 500;
  if (!Number.isInteger(size) || size < 1 || size > 100_000) {
    throw bad('pageSize', 'an integer between 1 and 100000');
  }
  return size;
}

const FIELD = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** offset/limit/sort/search/select as query parameters. */
export function listParams(query: ListQuery): Record<string, QueryValue> {
  const { offset, limit, sort, search, select } = query;
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw bad('offset', 'a non-negative integer');
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000)) {
    throw bad('limit', 'an integer between 1 and 100000');
  }
  if (sort !== undefined && !sort.split(',').every((part) => FIELD.test(part.replace(/^[+-]/, '')))) {
    throw bad('sort', 'comma-separated field names, each optionally prefixed with + or -');
  }
  if (search !== undefined && (typeof search !== 'string' || search.length > 256)) {
    throw bad('search', 'a string of at most 256 characters');
  }
  if (select !== undefined && (select.length === 0 || !select.every((field) => FIELD.test(field)))) {
    throw bad('select', 'a non-empty list of field names (dotted for nested fields)');
  }
  return { offset, limit, sort, search, select: select?.join(',') };
}

/** List parameters plus the agent filters (`status`, `group`, `name`). */
export function agentListParams(query: AgentListQuery): Record<string, QueryValue> {
  const { status, group, name, ...list } = query;
  return {
    ...listParams(list),
    status: statuses(status),
    group: group === undefined ? undefined : groupId(group),
    name,
  };
}

/** Adds `field` to a selection that lacks it (the pager needs ids even when the caller selected other fields). */
export function withField(select: string[] | undefined, field: string): string[] | undefined {
  return select && !select.includes(field) ? [field, ...select] : select;
}

/** `!script` or a command name defined on the manager. */
export function activeResponseCommand(command: string): string {
  if (typeof command !== 'string' || !/^!?[\w.-]{1,128}$/.test(command)) {
    throw bad('command', 'a command name, or !script-name', `invalid active-response command "${String(command)}"`);
  }
  return command;
}

export function versionParam(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (!/^v?\d+\.\d+\.\d+$/.test(version)) throw bad('version', 'a Wazuh version such as 4.14.7');
  return version.replace(/^v/, '');
}

/** Rule `level`: one level, or an inclusive range sent as `min-max`. */
export function levelParam(level: number | { min: number; max: number } | undefined): string | undefined {
  if (level === undefined) return undefined;
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 16;
  if (typeof level === 'number') {
    if (!ok(level)) throw bad('level', 'an integer between 0 and 16');
    return String(level);
  }
  if (!ok(level.min) || !ok(level.max) || level.min > level.max) {
    throw bad('level', 'a range with 0 <= min <= max <= 16');
  }
  return `${level.min}-${level.max}`;
}

export function ruleIds(ids: readonly number[] | undefined): string | undefined {
  if (ids === undefined) return undefined;
  if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id >= 0)) {
    throw bad('ruleIds', 'a non-empty list of non-negative integers');
  }
  return ids.join(',');
}

export function stringList(values: readonly string[], field: string): string[] {
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
    throw bad(field, 'a list of strings');
  }
  return [...values];
}
