import { compareLeaves, fieldValues, looksLikeDate, toMillis, type DocView, type Leaf } from './field-values';
import type { Source } from './index-store';
import { badRequest, parsingError } from './os-errors';
import { compileQuery } from './query';

/**
 * Search execution of the fake, following the OpenSearch 2.x Search API reference (api-reference/search-apis/
 * search, and search-plugins/searching-data/sort and paginate for `sort`, `search_after`, `from`/`size` and
 * `track_total_hits`). There is no relevance scoring: every hit scores 1.0.
 */

const SUPPORTED_KEYS = new Set([
  'query',
  'sort',
  'size',
  'from',
  'search_after',
  'track_total_hits',
  'pit',
  '_source',
  'timeout',
  'version',
  'seq_no_primary_term',
  'track_scores',
]);
const MAX_RESULT_WINDOW = 10_000;

type SortValue = Leaf | null;

interface SortKey {
  field: string;
  order: 'asc' | 'desc';
  missingFirst: boolean;
}

export interface SearchOutcome {
  /** Absent when `track_total_hits` is false. */
  total?: { value: number; relation: 'eq' | 'gte' };
  hits: Array<Record<string, unknown>>;
  sorted: boolean;
}

function parseSort(sort: unknown): SortKey[] {
  const keys: SortKey[] = [];
  for (const item of sort === undefined ? [] : Array.isArray(sort) ? sort : [sort]) {
    if (typeof item === 'string') {
      keys.push({ field: item, order: item === '_score' ? 'desc' : 'asc', missingFirst: false });
      continue;
    }
    if (item === null || typeof item !== 'object') throw parsingError('[sort] malformed');
    for (const [field, spec] of Object.entries(item as Record<string, unknown>)) {
      const options = typeof spec === 'string' ? { order: spec } : ((spec ?? {}) as Record<string, unknown>);
      const order = String(options['order'] ?? (field === '_score' ? 'desc' : 'asc')).toLowerCase();
      if (order !== 'asc' && order !== 'desc') throw parsingError(`[sort] unknown order [${order}]`);
      keys.push({ field, order, missingFirst: options['missing'] === '_first' });
    }
  }
  return keys;
}

/** A doc's value for one sort key: dates as epoch millis (what OpenSearch returns), min/max for multi-values. */
function sortValue(view: DocView, key: SortKey): SortValue {
  if (key.field === '_doc') return view.doc.seq;
  if (key.field === '_score') return 1;
  const values = fieldValues(view, key.field);
  if (values.length === 0) return null;
  const normalized = values.map((v) => (looksLikeDate(v) ? (toMillis(v) ?? v) : v));
  return normalized.reduce((best, v) => {
    const cmp = compareLeaves(v, best);
    return key.order === 'asc' ? (cmp < 0 ? v : best) : cmp > 0 ? v : best;
  });
}

function compareSortValues(a: SortValue[], b: SortValue[], keys: SortKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    const va = a[i] ?? null;
    const vb = b[i] ?? null;
    if (va === null || vb === null) {
      if (va === vb) continue;
      // Missing values go last (or first) whatever the order, like OpenSearch's default `missing: _last`.
      return (va === null ? 1 : -1) * (keys[i].missingFirst ? -1 : 1);
    }
    const cmp = compareLeaves(va, vb);
    if (cmp !== 0) return keys[i].order === 'asc' ? cmp : -cmp;
  }
  return 0;
}

function filterSource(source: Source, spec: unknown): Source | undefined {
  if (spec === undefined || spec === true) return source;
  if (spec === false) return undefined;
  const asList = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
  const includes =
    typeof spec === 'object' && !Array.isArray(spec) ? asList((spec as Source)['includes']) : asList(spec);
  const excludes = typeof spec === 'object' && !Array.isArray(spec) ? asList((spec as Source)['excludes']) : [];
  const toRe = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const inc = includes.map(toRe);
  const exc = excludes.map(toRe);
  const walk = (node: Source, prefix: string, parentIncluded: boolean): Source => {
    const out: Source = {};
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (exc.some((re) => re.test(path))) continue;
      const included = parentIncluded || inc.some((re) => re.test(path));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const child = walk(value as Source, path, included);
        if (included || Object.keys(child).length > 0) out[key] = child;
      } else if (included) {
        out[key] = value;
      }
    }
    return out;
  };
  return walk(source, '', inc.length === 0);
}

/** Runs a search body over the given documents. */
export function runSearch(views: DocView[], body: Record<string, unknown>): SearchOutcome {
  for (const key of Object.keys(body)) {
    if (!SUPPORTED_KEYS.has(key)) throw badRequest(`FakeOpenSearch does not implement the search body key [${key}]`);
  }
  const size = body['size'] === undefined ? 10 : Number(body['size']);
  const from = body['from'] === undefined ? 0 : Number(body['from']);
  if (!Number.isInteger(size) || size < 0)
    throw badRequest(`[size] parameter cannot be negative, found [${String(body['size'])}]`);
  if (from + size > MAX_RESULT_WINDOW) {
    throw badRequest(
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${from + size}].`,
    );
  }
  const keys = parseSort(body['sort']);
  const searchAfter = body['search_after'];
  if (searchAfter !== undefined) {
    if (!Array.isArray(searchAfter)) throw parsingError('[search_after] must be an array');
    if (keys.length === 0) throw badRequest('Sort must contain at least one field.');
    if (searchAfter.length !== keys.length) {
      throw badRequest(`search_after has ${searchAfter.length} value(s) but sort has ${keys.length}.`);
    }
  }
  const predicate = compileQuery(body['query']);
  const matched = views.filter(predicate);
  const keyed = matched.map((view) => ({ view, values: keys.map((key) => sortValue(view, key)) }));
  keyed.sort((a, b) => {
    const cmp = compareSortValues(a.values, b.values, keys);
    if (cmp !== 0) return cmp;
    // Not part of OpenSearch's contract: a stable order for ties, so tests are deterministic.
    return a.view.index.localeCompare(b.view.index) || a.view.doc.seq - b.view.doc.seq;
  });
  const after = Array.isArray(searchAfter) ? (searchAfter as SortValue[]) : undefined;
  const page = (after ? keyed.filter((item) => compareSortValues(item.values, after, keys) > 0) : keyed).slice(
    from,
    from + size,
  );

  const tracking = body['track_total_hits'];
  let total: SearchOutcome['total'];
  if (tracking !== false) {
    const limit = tracking === true ? Infinity : typeof tracking === 'number' ? tracking : MAX_RESULT_WINDOW;
    total = matched.length > limit ? { value: limit, relation: 'gte' } : { value: matched.length, relation: 'eq' };
  }
  const sorted = keys.length > 0;
  const hits = page.map(({ view, values }) => {
    const hit: Record<string, unknown> = { _index: view.index, _id: view.doc.id, _score: sorted ? null : 1 };
    if (body['version'] === true) hit['_version'] = view.doc.version;
    if (body['seq_no_primary_term'] === true) Object.assign(hit, { _seq_no: view.doc.seqNo, _primary_term: 1 });
    const source = filterSource(view.doc.source, body['_source']);
    if (source !== undefined) hit['_source'] = source;
    if (sorted) hit['sort'] = values;
    return hit;
  });
  return { total, hits, sorted };
}
