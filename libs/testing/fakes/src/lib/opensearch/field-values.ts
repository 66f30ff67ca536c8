import type { Source, StoredDoc } from './index-store';

/** What a query or sort sees of a document: its source plus the `_id` and `_index` metadata fields. */
export interface DocView {
  index: string;
  doc: StoredDoc;
}

export type Leaf = string | number | boolean;

/**
 * Leaf values of a field path. OpenSearch treats `a.b` the same whether the source nests `{a: {b}}` or holds a
 * literal `"a.b"` key, and arrays contribute every element. A `.keyword` suffix reads the same values, as the
 * default dynamic mapping's keyword sub-field does.
 */
export function fieldValues(view: DocView, field: string): Leaf[] {
  const path = field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field;
  if (path === '_id') return [view.doc.id];
  if (path === '_index') return [view.index];
  const out: Leaf[] = [];
  collect(view.doc.source, path.split('.'), out);
  return out;
}

function collect(node: unknown, segments: string[], out: Leaf[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, segments, out);
    return;
  }
  if (segments.length === 0) {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') out.push(node);
    return;
  }
  if (typeof node !== 'object') return;
  const record = node as Source;
  // Try every split of the remaining path against literal dotted keys ("agent.name") and nested objects.
  for (let take = segments.length; take >= 1; take--) {
    const key = segments.slice(0, take).join('.');
    if (key in record) collect(record[key], segments.slice(take), out);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** True for strings OpenSearch's dynamic mapping would detect as dates (strict_date_optional_time). */
export function looksLikeDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value);
}

const UNIT_MS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** Epoch millis of a date value: ISO strings (incl. `+0000` offsets), epoch numbers, and `now-1h/d` date math. */
export function toMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  const math = /^now((?:[+-]\d+[smhdw])*)(?:\/([smhdw]))?$/.exec(value);
  if (math) {
    let at = Date.now();
    for (const [, sign, amount, unit] of math[1].matchAll(/([+-])(\d+)([smhdw])/g)) {
      at += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit];
    }
    if (math[2]) at -= at % UNIT_MS[math[2]];
    return at;
  }
  if (!ISO_DATE.test(value)) return undefined;
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(' ', 'T'));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Orders two leaf values the way OpenSearch compares a field's values: dates by instant, numbers numerically,
 * everything else as strings. Returns negative/zero/positive.
 */
export function compareLeaves(a: Leaf, b: Leaf): number {
  if (looksLikeDate(a) || looksLikeDate(b)) {
    const ma = toMillis(a);
    const mb = toMillis(b);
    if (ma !== undefined && mb !== undefined) return ma - mb;
  }
  const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
  if ((typeof a === 'number' || typeof b === 'number') && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Term equality: keyword-exact for strings, coerced for numbers and booleans ("5" matches 5). */
export function leafEquals(a: Leaf, b: unknown, caseInsensitive = false): boolean {
  if (b === null || b === undefined || typeof b === 'object') return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  if (caseInsensitive) return String(a).toLowerCase() === String(b).toLowerCase();
  return String(a) === String(b);
}
