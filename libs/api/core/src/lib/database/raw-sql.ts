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
  await runInsert(m, table, columns, rows, options);
}

function runInsert(m: EntityManager, table: string, columns: readonly string[], rows: readonly Cell[][], options: { ignoreDuplicates?: boolean }): Promise<unknown> {
  if (rows.length === 0) return Promise.resolve(undefined);
  const sqlite = isSqlite(m);
  const verb = options.ignoreDuplicates ? (sqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = `${verb} INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  return m.query(sql, driverParams(m, rows.flat()));
}

/** Per data source: whether a multi-row INSERT gets consecutive auto-increment ids (see insertRowsWithIds). */
const consecutiveIds = new WeakMap<object, Promise<boolean>>();

/**
 * `insertRows` that also answers the generated ids, in row order, when the server guarantees them to be
 * consecutive: InnoDB does for a multi-row INSERT of known size under `innodb_autoinc_lock_mode` 0 or 1 with
 * `auto_increment_increment` 1 (MariaDB's default; MySQL 8 defaults to 2, where concurrent inserts
 * interleave). Otherwise, and on SQLite, null: the caller reads the ids back by a key of its own.
 */
export async function insertRowsWithIds(m: EntityManager, table: string, columns: readonly string[], rows: readonly Cell[][]): Promise<number[] | null> {
  if (rows.length === 0) return [];
  if (isSqlite(m)) {
    await runInsert(m, table, columns, rows, {});
    return null;
  }
  let known = consecutiveIds.get(m.connection);
  if (!known) {
    known = m.connection.query('SELECT @@innodb_autoinc_lock_mode AS lockMode, @@auto_increment_increment AS step').then(
      (r: { lockMode: unknown; step: unknown }[]) => Number(r[0]?.lockMode) <= 1 && Number(r[0]?.step) === 1,
      () => false,
    );
    consecutiveIds.set(m.connection, known);
  }
  const consecutive = await known;
  const res = (await runInsert(m, table, columns, rows, {})) as { insertId?: number; affectedRows?: number } | undefined;
  if (!consecutive || !res?.insertId || res.affectedRows !== rows.length) return null;
  const first = Number(res.insertId);
  return rows.map((_, i) => first + i);
}

/**
 * `UPDATE table SET ...` from rows of values, one statement for many rows with different values each: the rows
 * form a derived table `v` (columns `valueColumns`, the first matching `table.id`), and `set` is written
 * against `v.<column>` and `<table>.<column>`, which both dialects read the same way. A CASE per column over
 * the ids would do too, but the server then compares every row against every WHEN: quadratic per statement.
 * Returns the number of rows matched.
 */
export async function updateFromRows(m: EntityManager, table: string, valueColumns: readonly string[], rows: readonly Cell[][], set: string, extraParams: readonly Cell[] = []): Promise<number> {
  if (rows.length === 0) return 0;
  if (isSqlite(m)) {
    const tuple = `(${valueColumns.map(() => '?').join(', ')})`;
    // SQLite names VALUES columns column1..N; UPDATE ... FROM since 3.33.
    const derived = `SELECT ${valueColumns.map((c, i) => `column${i + 1} AS ${c}`).join(', ')} FROM (VALUES ${rows.map(() => tuple).join(', ')})`;
    return affected(m, `UPDATE \`${table}\` SET ${set} FROM (${derived}) AS v WHERE \`${table}\`.id = v.${valueColumns[0]}`, driverParams(m, [...extraParams, ...rows.flat()]));
  }
  // MySQL and MariaDB spell a VALUES table differently (ROW() or not); a UNION ALL of SELECTs reads the same in both.
  // Date columns are cast, so comparing them with a DATETIME column compares times, never text.
  const cells = rows[0].map((v) => (v instanceof Date ? 'CAST(? AS DATETIME(3))' : '?'));
  const first = `SELECT ${cells.map((cell, i) => `${cell} AS ${valueColumns[i]}`).join(', ')}`;
  const rest = ` UNION ALL SELECT ${cells.join(', ')}`;
  const derived = first + rest.repeat(rows.length - 1);
  return affected(m, `UPDATE \`${table}\` JOIN (${derived}) AS v ON \`${table}\`.id = v.${valueColumns[0]} SET ${set}`, driverParams(m, [...rows.flat(), ...extraParams]));
}

/** Runs a statement and answers the rows it affected (EntityManager.query gives SQLite's last row id instead). */
async function affected(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** A primary-key or unique violation on either dialect. */
export function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (err as { code?: unknown }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
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
