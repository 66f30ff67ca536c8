import type { EntityManager } from 'typeorm';

/** A raw SQL fragment in place of a value (a session variable, say); only statements sent as text may carry one. */
export interface SqlFragment {
  toSqlString(): string;
}
export type SqlCell = string | number | boolean | Date | null | undefined | SqlFragment;
type Cell = SqlCell;

/** MySQL and MariaDB share one ('mysql'). */
export type SqlDialect = 'mysql' | 'sqlite';

/** One statement with positional parameters, already in the dialect's driver form (see `driverParams`). */
export interface SqlStatement {
  sql: string;
  params: Cell[];
}

/** SQLite keeps datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) text, as the column helpers store them. */
function sqliteCell(v: Cell): string | number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') throw new Error('a raw SQL fragment cannot be bound as a SQLite parameter');
  return v;
}

export function sqlDialectOf(m: EntityManager): SqlDialect {
  const type = m.connection.options.type;
  return type === 'mariadb' || type === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * How a value enters a statement's text: `?` with the value collected as a parameter (`parameterWriter`), or the
 * value escaped in place (a script sent as text; see ScriptConnection).
 */
export type ValueWriter = (v: Cell) => string;

const mysqlCell = (v: Cell): Cell => (v === undefined ? null : v);

/** A writer that puts `?` in the SQL and collects the values as the dialect's driver wants them. */
export function parameterWriter(dialect: SqlDialect): { value: ValueWriter; params: Cell[] } {
  const params: Cell[] = [];
  const convert = dialect === 'sqlite' ? sqliteCell : mysqlCell;
  return {
    params,
    value: (v) => {
      params.push(convert(v));
      return '?';
    },
  };
}

function dialectParams(dialect: SqlDialect, values: readonly Cell[]): Cell[] {
  return values.map(dialect === 'sqlite' ? sqliteCell : mysqlCell);
}

/**
 * `(a, b), (c, d)`: the rows of a VALUES list, each value through the writer. The pieces go into one list joined
 * once: thousands of appends make a rope that costs more to flatten when sent than to build, and a string per
 * row is garbage a moment later.
 */
function valueRows(rows: readonly (readonly Cell[])[], value: ValueWriter): string {
  const parts: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    parts.push(r === 0 ? '(' : '), (');
    for (let c = 0; c < row.length; c++) {
      if (c > 0) parts.push(', ');
      parts.push(value(row[c]));
    }
  }
  parts.push(')');
  return parts.join('');
}

/**
 * A multi-row INSERT, for hot paths that write hundreds of rows per statement (ingestion). TypeORM's insert
 * builder names and re-scans a parameter per value, which costs more than the database does at that size. The
 * one dialect difference (INSERT IGNORE vs INSERT OR IGNORE, and how SQLite keeps dates and booleans) stays
 * here, beside the column helpers. Values must already be in column form (JSON stringified, ids numeric).
 */
export function insertSql(dialect: SqlDialect, table: string, columns: readonly string[], rows: readonly (readonly Cell[])[], value: ValueWriter, options: { ignoreDuplicates?: boolean } = {}): string {
  const verb = options.ignoreDuplicates ? (dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE') : 'INSERT';
  return `${verb} INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${valueRows(rows, value)}`;
}

export function insertStatement(dialect: SqlDialect, table: string, columns: readonly string[], rows: readonly (readonly Cell[])[], options: { ignoreDuplicates?: boolean } = {}): SqlStatement {
  const p = parameterWriter(dialect);
  return { sql: insertSql(dialect, table, columns, rows, p.value, options), params: p.params };
}

export async function insertRows(m: EntityManager, table: string, columns: readonly string[], rows: readonly Cell[][], options: { ignoreDuplicates?: boolean } = {}): Promise<void> {
  if (rows.length > 0) await m.query(...asQuery(insertStatement(sqlDialectOf(m), table, columns, rows, options)));
}

/** Per data source: whether a multi-row INSERT gets consecutive auto-increment ids (see insertRowsWithIds). */
const consecutiveIds = new WeakMap<object, Promise<boolean>>();

/**
 * Whether the server hands a multi-row INSERT of known size consecutive auto-increment ids: InnoDB does under
 * `innodb_autoinc_lock_mode` 0 or 1 with `auto_increment_increment` 1 (MariaDB's default; MySQL 8 defaults to
 * 2, where concurrent inserts interleave). Then the ids are LAST_INSERT_ID() (the first) and the ones after it.
 */
export function serverGivesConsecutiveIds(query: (sql: string) => Promise<unknown>): Promise<boolean> {
  return query('SELECT @@innodb_autoinc_lock_mode AS lockMode, @@auto_increment_increment AS step').then(
    (rows) => {
      const r = (rows as { lockMode: unknown; step: unknown }[])[0];
      return Number(r?.lockMode) <= 1 && Number(r?.step) === 1;
    },
    () => false,
  );
}

/**
 * `insertRows` that also answers the generated ids, in row order, when the server guarantees them to be
 * consecutive (`serverGivesConsecutiveIds`). Otherwise, and on SQLite, null: the caller reads the ids back by a
 * key of its own.
 */
export async function insertRowsWithIds(m: EntityManager, table: string, columns: readonly string[], rows: readonly Cell[][]): Promise<number[] | null> {
  if (rows.length === 0) return [];
  const dialect = sqlDialectOf(m);
  if (dialect === 'sqlite') {
    await insertRows(m, table, columns, rows);
    return null;
  }
  let known = consecutiveIds.get(m.connection);
  if (!known) {
    known = serverGivesConsecutiveIds((sql) => m.connection.query(sql));
    consecutiveIds.set(m.connection, known);
  }
  const consecutive = await known;
  const res = await runStatement(m, insertStatement(dialect, table, columns, rows));
  if (!consecutive || !res.insertId || res.affected !== rows.length) return null;
  const first = res.insertId;
  return rows.map((_, i) => first + i);
}

/**
 * `UPDATE table SET ...` from rows of values, one statement for many rows with different values each: the rows
 * form a derived table `v` (columns `valueColumns`, the first matching `table.id`), and `set` is written
 * against `v.<column>` and `<table>.<column>`, which both dialects read the same way (it writes its own values
 * through the writer it is given). `match` adds conditions to the join (say, that a row's version is still the
 * one read), so the caller compares the rows matched with the rows sent. A CASE per column over the ids would
 * do too, but the server then compares every row against every WHEN: quadratic per statement.
 */
export function updateFromRowsSql(
  dialect: SqlDialect, table: string, valueColumns: readonly string[], rows: readonly (readonly Cell[])[], set: (value: ValueWriter) => string,
  value: ValueWriter, match = '',
): string {
  const on = `\`${table}\`.id = v.${valueColumns[0]}${match ? ` AND ${match}` : ''}`;
  if (dialect === 'sqlite') {
    // SQLite names VALUES columns column1..N; UPDATE ... FROM since 3.33. SET comes first, so its values do too.
    const assignments = set(value);
    const derived = `SELECT ${valueColumns.map((c, i) => `column${i + 1} AS ${c}`).join(', ')} FROM (VALUES ${valueRows(rows, value)})`;
    return `UPDATE \`${table}\` SET ${assignments} FROM (${derived}) AS v WHERE ${on}`;
  }
  // MySQL and MariaDB spell a VALUES table differently (ROW() or not); a UNION ALL of SELECTs reads the same in
  // both (and measured no slower on MariaDB than its VALUES list, once dates are cast in every row). Date columns
  // are cast, so comparing them with a DATETIME column compares times, never text.
  const cast = (cell: string, v: Cell) => (v instanceof Date ? `CAST(${cell} AS DATETIME(3))` : cell);
  const selects = rows.map((row, r) => `SELECT ${row.map((v, i) => (r === 0 ? `${cast(value(v), v)} AS ${valueColumns[i]}` : cast(value(v), v))).join(', ')}`);
  return `UPDATE \`${table}\` JOIN (${selects.join(' UNION ALL ')}) AS v ON ${on} SET ${set(value)}`;
}

export function updateFromRowsStatement(
  dialect: SqlDialect, table: string, valueColumns: readonly string[], rows: readonly (readonly Cell[])[], set: (value: ValueWriter) => string, match = '',
): SqlStatement {
  const p = parameterWriter(dialect);
  return { sql: updateFromRowsSql(dialect, table, valueColumns, rows, set, p.value, match), params: p.params };
}

const asQuery = (s: SqlStatement): [string, unknown[]] => [s.sql, s.params];

/**
 * Runs a statement and answers the rows it affected (matched, for an UPDATE) and, for an INSERT into a table
 * with an auto-increment id on MySQL, the first id generated. EntityManager.query gives SQLite's last row id
 * where MySQL gives the header, so this goes through the query runner's structured result.
 */
export async function runStatement(m: EntityManager, s: SqlStatement): Promise<{ affected: number; insertId?: number }> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const res = await runner.query(s.sql, s.params, true);
    const insertId = (res.raw as { insertId?: unknown } | undefined)?.insertId;
    return { affected: res.affected ?? 0, insertId: typeof insertId === 'number' && insertId > 0 ? insertId : undefined };
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** A primary-key or unique violation on either dialect. */
export function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (err as { code?: unknown }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A row naming a parent that does not exist (deleted meanwhile, say), on either dialect. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (err as { code?: unknown }).code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_NO_REFERENCED_ROW' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Positional parameters as the dialect's driver wants them (SQLite: dates as UTC text, booleans as 0/1). */
export function driverParams(m: EntityManager, values: readonly Cell[]): unknown[] {
  return dialectParams(sqlDialectOf(m), values);
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
