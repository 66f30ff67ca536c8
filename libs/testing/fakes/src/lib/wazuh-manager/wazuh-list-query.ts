import type { RecordedRequest } from '../http/fake-http-server';
import { badRequest } from './wazuh-envelope';

/**
 * The common list parameters of the Wazuh API v4 (spec.yaml v4.14.7, components/parameters): `offset` (default 0),
 * `limit` (default 500, 1..100000), `sort` (`+field,-other`, dotted for nested fields), `search` (substring in any
 * field; a leading `-` negates it), `select` (comma list of dotted fields; the endpoint's minimum fields are always
 * kept, e.g. agents' `id` per framework/wazuh/core/agent.py `min_select_fields`).
 */
export interface ListOptions {
  defaultSort: string;
  /** Fields always returned whatever `select` says. */
  minSelect: string[];
}

export interface ListResult<T> {
  items: Array<Partial<T>>;
  total: number;
}

type Json = Record<string, unknown>;

function integerParam(req: RecordedRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`'${raw}' is not of type 'integer' - '${name}'`);
  const value = Number(raw);
  if (value < min) throw badRequest(`${value} is less than the minimum of ${min} - '${name}'`);
  if (value > max) throw badRequest(`${value} is greater than the maximum of ${max} - '${name}'`);
  return value;
}

const FIELD = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;

export function valueAt(record: unknown, path: string): unknown {
  let node: unknown = record;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[part];
  }
  return node;
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  // Ids and levels are numbers in the database, so "1000" sorts after "999" as the real API does.
  const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v));
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

function flatten(value: unknown, out: string[]): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((item) => flatten(item, out));
  else if (typeof value === 'object') Object.values(value as Json).forEach((item) => flatten(item, out));
  else out.push(String(value));
  return out;
}

function project(record: Json, fields: string[]): Json {
  const out: Json = {};
  for (const field of fields) {
    const value = valueAt(record, field);
    if (value === undefined) continue;
    const parts = field.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Json;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** Applies search, sort, offset/limit and select to `records`, as the endpoint's database query would. */
export function listQuery<T extends object>(records: T[], req: RecordedRequest, options: ListOptions): ListResult<T> {
  const offset = integerParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = integerParam(req, 'limit', 500, 1, 100_000);
  const select = req.query['select']?.split(',').filter(Boolean);
  if (select?.some((field) => !FIELD.test(field))) throw badRequest(`Invalid select fields: ${req.query['select']}`);

  let rows = records as unknown as Json[];
  const search = req.query['search'];
  if (search) {
    const negate = search.startsWith('-');
    const needle = (negate ? search.slice(1) : search).toLowerCase();
    rows = rows.filter((row) => {
      const haystack = flatten(select ? project(row, [...options.minSelect, ...select]) : row, []);
      return haystack.some((text) => text.toLowerCase().includes(needle)) !== negate;
    });
  }

  const sortSpec = req.query['sort'] ?? options.defaultSort;
  const keys = sortSpec.split(',').map((part) => {
    const descending = part.startsWith('-');
    const field = part.replace(/^[+-]/, '').trim();
    if (!FIELD.test(field)) throw badRequest(`Invalid sort field: ${field}`);
    return { field, descending };
  });
  rows = [...rows].sort((a, b) => {
    for (const { field, descending } of keys) {
      const order = compare(valueAt(a, field), valueAt(b, field));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });

  const page = rows.slice(offset, offset + limit);
  const fields = select ? [...new Set([...options.minSelect, ...select])] : undefined;
  return {
    items: (fields ? page.map((row) => project(row, fields)) : page) as Array<Partial<T>>,
    total: rows.length,
  };
}

/** A comma-separated query parameter as a list (absent → undefined). */
export function listParam(req: RecordedRequest, name: string): string[] | undefined {
  const raw = req.query[name];
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
}

/** `true`/`false` query parameters. */
export function booleanParam(req: RecordedRequest, name: string): boolean {
  const raw = req.query[name];
  if (raw === undefined) return false;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`'${raw}' is not of type 'boolean' - '${name}'`);
  return raw === 'true';
}
