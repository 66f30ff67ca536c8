import type { EntityManager } from 'typeorm';

export type SqlCell = string | number | boolean | Date | null | undefined;
type Cell = SqlCell;

/** SQLite keeps datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) text, as the column helpers store them. */
function sqliteCell(v: Cell): string | number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * A multi-row INSERT with positional parameters, for hot paths that write hundreds of rows per statement
 * (ingestion). TypeORM's insert builder names and re-scans a parameter per value, which costs more than the
 * database does at that size. The one dialect difference (INSERT IGNORE vs INSERT OR IGNORE, and how SQLite
 * keeps dates and booleans) stays here, beside the column helpers. Values must already be in column form
 * (JSON stringified, ids numeric).
 */
export async function insertRows(m: EntityManager, table: string, columns: readonly string[], rows: readonly Cell[][], options: { ignoreDuplicates?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const sqlite = isSqlite(m);
  const verb = options.ignoreDuplicates ? (sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = `${verb} INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  await m.query(sql, driverParams(m, rows.flat()));
}

function isSqlite(m: EntityManager): boolean {
  return m.connection.options.type !== 'mysql' && m.connection.options.type !== 'mariadb';
}

/** Positional parameters as the dialect's driver wants them (SQLite: dates as UTC text, booleans as 0/1). */
export function driverParams(m: EntityManager, values: readonly Cell[]): unknown[] {
  return isSqlite(m) ? values.map(sqliteCell) : values.map((v) => (v === undefined ? null : v));
}

/**
 * A stored datetime as a Date, for the column helpers and raw SQL alike: MySQL hands back a Date (timezone
 * 'Z'), SQLite 'YYYY-MM-DD HH:MM:SS.SSS' text in UTC.
 */
export function readDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const text = String(v).replace(' ', 'T');
  return new Date(text.endsWith('Z') ? text : `${text}Z`);
}
