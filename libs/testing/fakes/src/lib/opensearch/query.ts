import {
  compareLeaves,
  fieldValues,
  leafEquals,
  looksLikeDate,
  toMillis,
  type DocView,
  type Leaf,
} from './field-values';
import { parsingError } from './os-errors';

/**
 * The subset of the OpenSearch 2.x query DSL the fake evaluates (reference: query-dsl/ pages of the OpenSearch
 * 2.x documentation): match_all, match_none, term, terms, ids, range, exists, prefix, wildcard, match,
 * match_phrase, bool (must/filter/should/must_not, minimum_should_match) and a minimal query_string
 * (`field:"value"`, `field:value`, `field:*`, `*`, joined by AND/OR). Anything else is refused with a
 * parsing_exception, so a client relying on an unsupported feature fails loudly instead of getting wrong hits.
 */
export type Predicate = (view: DocView) => boolean;

type Json = Record<string, unknown>;

function asObject(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw parsingError(`[${where}] query malformed, expected an object`);
  return value as Json;
}

/** `{field: value}` or `{field: {value, ...options}}`: the single field entry of a leaf query. */
function fieldEntry(body: unknown, kind: string): [string, Json] {
  const entries = Object.entries(asObject(body, kind)).filter(([key]) => key !== 'boost' && key !== '_name');
  if (entries.length !== 1) throw parsingError(`[${kind}] query doesn't support multiple fields`);
  const [field, spec] = entries[0];
  return [field, spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Json) : { value: spec }];
}

const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function rangeBound(leaf: Leaf, bound: unknown): number {
  // Dates compare by instant whether the stored value or the bound is the date (bounds may be date math).
  const dateBound = typeof bound === 'string' && !/^-?\d+(\.\d+)?$/.test(bound) && toMillis(bound) !== undefined;
  if (looksLikeDate(leaf) || dateBound) {
    const a = toMillis(leaf);
    const b = toMillis(bound);
    if (a !== undefined && b !== undefined) return a - b;
  }
  return compareLeaves(leaf, bound as Leaf);
}

function globMatcher(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);

export function compileQuery(query: unknown): Predicate {
  if (query === undefined || query === null) return () => true;
  const entries = Object.entries(asObject(query, 'query'));
  if (entries.length !== 1) throw parsingError('[query] must contain exactly one query type');
  const [kind, body] = entries[0];
  switch (kind) {
    case 'match_all':
      return () => true;
    case 'match_none':
      return () => false;
    case 'term': {
      const [field, spec] = fieldEntry(body, kind);
      const ci = spec['case_insensitive'] === true;
      return (view) => fieldValues(view, field).some((leaf) => leafEquals(leaf, spec['value'], ci));
    }
    case 'terms': {
      const [field, spec] = fieldEntry(body, kind);
      const wanted = asArray(spec['value']);
      return (view) => fieldValues(view, field).some((leaf) => wanted.some((w) => leafEquals(leaf, w)));
    }
    case 'ids': {
      const values = asArray(asObject(body, kind)['values']).map(String);
      return (view) => values.includes(view.doc.id);
    }
    case 'exists': {
      const field = String(asObject(body, kind)['field']);
      return (view) => fieldValues(view, field).length > 0;
    }
    case 'range': {
      const [field, spec] = fieldEntry(body, kind);
      const checks: Array<(leaf: Leaf) => boolean> = [];
      const add = (key: string, ok: (cmp: number) => boolean) => {
        if (spec[key] !== undefined && spec[key] !== null) checks.push((leaf) => ok(rangeBound(leaf, spec[key])));
      };
      add('gte', (c) => c >= 0);
      add('gt', (c) => c > 0);
      add('lte', (c) => c <= 0);
      add('lt', (c) => c < 0);
      add('from', (c) => (spec['include_lower'] === false ? c > 0 : c >= 0));
      add('to', (c) => (spec['include_upper'] === false ? c < 0 : c <= 0));
      return (view) => fieldValues(view, field).some((leaf) => checks.every((check) => check(leaf)));
    }
    case 'prefix': {
      const [field, spec] = fieldEntry(body, kind);
      const prefix = String(spec['value']);
      return (view) => fieldValues(view, field).some((leaf) => String(leaf).startsWith(prefix));
    }
    case 'wildcard': {
      const [field, spec] = fieldEntry(body, kind);
      const re = globMatcher(String(spec['value'] ?? spec['wildcard']), spec['case_insensitive'] === true);
      return (view) => fieldValues(view, field).some((leaf) => re.test(String(leaf)));
    }
    case 'match': {
      const [field, spec] = fieldEntry(body, kind);
      const wanted = tokens(String(spec['query'] ?? spec['value']));
      const all = spec['operator'] === 'and' || spec['operator'] === 'AND';
      return (view) =>
        fieldValues(view, field).some((leaf) => {
          const have = new Set(tokens(String(leaf)));
          return all ? wanted.every((t) => have.has(t)) : wanted.some((t) => have.has(t));
        });
    }
    case 'match_phrase': {
      const [field, spec] = fieldEntry(body, kind);
      const phrase = tokens(String(spec['query'] ?? spec['value'])).join(' ');
      return (view) =>
        fieldValues(view, field).some((leaf) => ` ${tokens(String(leaf)).join(' ')} `.includes(` ${phrase} `));
    }
    case 'bool':
      return compileBool(asObject(body, kind));
    case 'query_string':
      return compileQueryString(String(asObject(body, kind)['query'] ?? ''), asObject(body, kind)['default_operator']);
    default:
      throw parsingError(`unknown query [${kind}]`);
  }
}

function compileBool(body: Json): Predicate {
  const must = [...asArray(body['must']), ...asArray(body['filter'])].map(compileQuery);
  const should = asArray(body['should']).map(compileQuery);
  const mustNot = asArray(body['must_not']).map(compileQuery);
  const declared = body['minimum_should_match'];
  // Without must/filter at least one should clause has to match; with them, should only scores.
  const minShould = declared !== undefined ? Number(declared) : must.length === 0 && should.length > 0 ? 1 : 0;
  return (view) =>
    must.every((p) => p(view)) && !mustNot.some((p) => p(view)) && should.filter((p) => p(view)).length >= minShould;
}

/** Minimal Lucene syntax: clauses `field:"quoted value"`, `field:value`, `field:*`, `*`, combined with AND/OR. */
function compileQueryString(query: string, defaultOperator: unknown): Predicate {
  const clause = /\s*(?:(AND|OR|&&|\|\|)\s+)?(?:(NOT|-)\s*)?(?:([\w.@-]+):)?("(?:[^"\\]|\\.)*"|[^\s()]+)/gy;
  const parts: Array<{ op: 'AND' | 'OR'; negate: boolean; test: Predicate }> = [];
  const fallbackOp = String(defaultOperator ?? 'OR').toUpperCase() === 'AND' ? 'AND' : 'OR';
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = clause.exec(query)) !== null && match[0].length > 0) {
    consumed = clause.lastIndex;
    const [, rawOp, not, field, rawValue] = match;
    const op = rawOp === 'AND' || rawOp === '&&' ? 'AND' : rawOp ? 'OR' : fallbackOp;
    const quoted = rawValue.startsWith('"');
    const value = quoted ? rawValue.slice(1, -1).replace(/\\(.)/g, '$1') : rawValue;
    parts.push({ op, negate: Boolean(not), test: queryStringClause(field, value, quoted) });
  }
  if (query.slice(consumed).trim() !== '') throw parsingError(`Failed to parse query [${query}]`);
  if (parts.length === 0) return () => true;
  return (view) => {
    let result = parts[0].negate !== parts[0].test(view);
    for (const part of parts.slice(1)) {
      const value = part.negate !== part.test(view);
      result = part.op === 'AND' ? result && value : result || value;
    }
    return result;
  };
}

function queryStringClause(field: string | undefined, value: string, quoted: boolean): Predicate {
  if (!field) {
    if (value === '*') return () => true;
    throw parsingError(`query_string without a field is not supported by the fake: [${value}]`);
  }
  if (!quoted && value === '*') return (view) => fieldValues(view, field).length > 0;
  if (!quoted && value.includes('*')) {
    const re = globMatcher(value, false);
    return (view) => fieldValues(view, field).some((leaf) => re.test(String(leaf)));
  }
  return (view) => fieldValues(view, field).some((leaf) => leafEquals(leaf, value));
}
