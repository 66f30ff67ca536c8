import type { DataSource } from 'typeorm';
import { driverParams, type SqlCell } from '../database/raw-sql';
import { narrowScope, scopeSql, type TenantScope } from '../tenancy/tenancy';
import { decodeCursor, encodeCursor, type Page } from './list';

export interface SimplePageSpec<T> {
  table: string;
  columns: readonly string[];
  /** Column holding the customer code, for the tenancy condition. */
  tenantColumn: string;
  /** The customers the request filters on, if any: they narrow the scope (see narrowScope). */
  customers?: string | readonly string[];
  /** Equality / IN filters: a column and its wanted values (absent or empty: no filter). */
  filters: { column: string; values: readonly SqlCell[] | undefined }[];
  /** Newest first: the time column, then the unique id column. */
  keyset: { time: string; id: string };
  limit: number;
  cursor?: string;
  map: (row: Record<string, unknown>) => T;
  /** The keyset values of a mapped row, for the next cursor. */
  keyOf: (item: T) => [Date, number];
}

/**
 * The hot list shape (tenancy, a few equality filters, newest-first keyset, LIMIT n+1) as one hand-written
 * statement with positional parameters, mapped by hand. The list benchmark measured TypeORM's builder and
 * hydration at most of the api's CPU on this call; rarer filter combinations keep using paginate(), and both
 * produce the same pages and cursors.
 */
export async function simplePage<T>(db: DataSource, scope: TenantScope, spec: SimplePageSpec<T>): Promise<Page<T>> {
  const tenancy = scopeSql(narrowScope(scope, spec.customers), spec.tenantColumn);
  const where = [tenancy.sql];
  const params: SqlCell[] = [...tenancy.params];
  for (const f of spec.filters) {
    if (!f.values || f.values.length === 0) continue;
    where.push(`${f.column} IN (${f.values.map(() => '?').join(', ')})`);
    params.push(...f.values);
  }
  const { time, id } = spec.keyset;
  if (spec.cursor) {
    const [at, last] = decodeCursor(spec.cursor, 2) as [Date, number];
    where.push(`(${time} < ? OR (${time} = ? AND ${id} < ?))`);
    params.push(at, at, last);
  }
  const sql = `SELECT ${spec.columns.join(', ')} FROM ${spec.table} WHERE ${where.join(' AND ')} ORDER BY ${time} DESC, ${id} DESC LIMIT ${Math.trunc(spec.limit) + 1}`;
  const rows = (await db.query(sql, driverParams(db.manager, params))) as Record<string, unknown>[];
  const items = rows.slice(0, spec.limit).map(spec.map);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > spec.limit && last !== undefined ? encodeCursor(spec.keyOf(last)) : null };
}
