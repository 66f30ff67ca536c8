import type { FluxCall, FluxValue, Predicate } from './flux-parser';
import type { FieldValue, InfluxStore, ValueType } from './influx-store';

/**
 * Runs a parsed pipeline against the fake's points. Supported: `buckets()`, `from(bucket:)`, `range(start:, stop:)`,
 * `filter(fn:)`, `limit(n:)`, `last()`, `yield(name:)`. Output tables follow the Flux data model (one table per group
 * key; `from` groups by series: `_measurement`, `_field` and the tags, plus `_start`/`_stop` after `range`), as
 * described in the Flux documentation "Flux data model" and the InfluxDB v2.7 "Annotated CSV" reference.
 */

export type Datatype = ValueType | 'dateTime:RFC3339';

export interface OutColumn {
  name: string;
  datatype: Datatype;
  group: boolean;
}

export interface OutTable {
  columns: OutColumn[];
  rows: Array<Array<FieldValue | null>>;
}

export interface QueryOutput {
  result: string;
  tables: OutTable[];
}

/** A failure InfluxDB reports as `{code, message}` with this HTTP status. */
export class FluxQueryFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Row = Record<string, FieldValue>;

function compare(left: FieldValue | undefined, right: FieldValue, op: string): boolean {
  if (left === undefined) return op === '!=';
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

function matches(row: Row, predicate: Predicate): boolean {
  if (predicate.op === 'compare') return compare(row[predicate.column], predicate.value, predicate.comparison);
  if (predicate.op === 'and') return matches(row, predicate.left) && matches(row, predicate.right);
  return matches(row, predicate.left) || matches(row, predicate.right);
}

function timeArg(value: FluxValue | undefined, now: number, fallback: number): number {
  if (!value) return fallback;
  if (value.kind === 'duration') return now + value.ms;
  if (value.kind === 'time') return value.ms;
  throw new FluxQueryFailure(400, 'invalid', 'error calling function "range": start/stop must be a duration or time');
}

function bucketsTable(store: InfluxStore, orgID: string): { rows: Row[]; columns: OutColumn[] } {
  const rows = store.buckets
    .filter((b) => b.orgID === orgID)
    .map((b) => ({ name: b.name, id: b.id, organizationID: b.orgID, retentionPeriod: b.retentionSeconds * 1e9 }));
  const columns: OutColumn[] = [
    { name: 'name', datatype: 'string', group: false },
    { name: 'id', datatype: 'string', group: false },
    { name: 'organizationID', datatype: 'string', group: false },
    { name: 'retentionPeriod', datatype: 'long', group: false },
  ];
  return { rows, columns };
}

export function executeFlux(calls: FluxCall[], store: InfluxStore, orgID: string, now: number): QueryOutput {
  const [head, ...stages] = calls;
  let result = '_result';
  let rows: Row[];
  let fixedColumns: OutColumn[] | null = null;
  let ranged = false;
  if (head.name === 'buckets') {
    const table = bucketsTable(store, orgID);
    rows = table.rows;
    fixedColumns = table.columns;
    ranged = true;
  } else if (head.name === 'from') {
    const bucketArg = head.args.get('bucket');
    if (bucketArg?.kind !== 'string') {
      throw new FluxQueryFailure(400, 'invalid', 'error calling function "from": missing required argument bucket');
    }
    const bucket = store.bucket(orgID, bucketArg.value);
    if (!bucket) {
      throw new FluxQueryFailure(
        404,
        'not found',
        `failed to initialize execute state: could not find bucket "${bucketArg.value}"`,
      );
    }
    rows = store.points
      .filter((p) => p.bucket === bucket.name)
      .map((p) => ({ ...p.tags, _measurement: p.measurement, _field: p.field, _time: p.time, _value: p.value }));
  } else {
    throw new FluxQueryFailure(
      400,
      'invalid',
      `compilation failed: error @${head.pos}: undefined identifier ${head.name}`,
    );
  }

  const valueTypes = new Map(store.points.map((p) => [`${p.measurement}\u0000${p.field}`, p.valueType]));
  let perTable: ((group: Row[]) => Row[])[] = [];
  for (const stage of stages) {
    if (stage.name === 'range') {
      const start = timeArg(stage.args.get('start'), now, 0);
      const stop = timeArg(stage.args.get('stop'), now, now);
      rows = rows
        .filter((r) => (r['_time'] as number) >= start && (r['_time'] as number) < stop)
        .map((r) => ({ ...r, _start: start, _stop: stop }));
      ranged = true;
    } else if (stage.name === 'filter') {
      const fn = stage.args.get('fn');
      if (fn?.kind !== 'fn') throw new FluxQueryFailure(400, 'invalid', 'error calling function "filter": missing fn');
      rows = rows.filter((r) => matches(r, fn.body));
    } else if (stage.name === 'limit') {
      const n = stage.args.get('n');
      const count = n?.kind === 'number' ? n.value : 0;
      perTable = [...perTable, (group) => group.slice(0, count)];
    } else if (stage.name === 'last') {
      perTable = [...perTable, (group) => group.slice(-1)];
    } else if (stage.name === 'yield') {
      const name = stage.args.get('name');
      if (name?.kind === 'string') result = name.value;
    } else {
      throw new FluxQueryFailure(
        400,
        'invalid',
        `compilation failed: error @${stage.pos}: undefined identifier ${stage.name}`,
      );
    }
  }

  if (!ranged) {
    const name = head.args.get('bucket');
    const bucket = name?.kind === 'string' ? name.value : '';
    throw new FluxQueryFailure(
      400,
      'invalid',
      `cannot submit unbounded read to "${bucket}"; try bounding 'from' with a call to 'range'`,
    );
  }
  if (fixedColumns) {
    const columns = fixedColumns;
    return {
      result,
      tables: rows.length ? [{ columns, rows: rows.map((r) => columns.map((c) => r[c.name] ?? null)) }] : [],
    };
  }
  const groups = new Map<string, Row[]>();
  for (const row of rows.sort((a, b) => (a['_time'] as number) - (b['_time'] as number))) {
    const key = Object.keys(row)
      .filter((k) => k !== '_time' && k !== '_value')
      .sort()
      .map((k) => `${k}=${String(row[k])}`)
      .join(',');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const tables = [...groups.keys()].sort().map((key) => {
    const group = perTable.reduce((acc, fn) => fn(acc), groups.get(key) ?? []);
    const sample = group[0] ?? {};
    const tagKeys = Object.keys(sample)
      .filter((k) => !k.startsWith('_'))
      .sort();
    const valueType = valueTypes.get(`${String(sample['_measurement'])}\u0000${String(sample['_field'])}`) ?? 'string';
    const columns: OutColumn[] = [
      ...['_start', '_stop', '_time'].map((name) => ({
        name,
        datatype: 'dateTime:RFC3339' as const,
        group: name !== '_time',
      })),
      { name: '_value', datatype: valueType, group: false },
      { name: '_field', datatype: 'string', group: true },
      { name: '_measurement', datatype: 'string', group: true },
      ...tagKeys.map((name) => ({ name, datatype: 'string' as const, group: true })),
    ];
    return { columns, rows: group.map((r) => columns.map((c) => r[c.name] ?? null)) };
  });
  return { result, tables: tables.filter((t) => t.rows.length > 0) };
}
