import { escape as escapeSql, format as formatSql } from 'mysql2';
import { createConnection, type Connection, type ConnectionOptions } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { MysqlConnectionOptions } from 'typeorm/driver/mysql/MysqlConnectionOptions';
import { serverGivesConsecutiveIds, type SqlCell, type SqlStatement, type ValueWriter } from './raw-sql';

/**
 * Text per round trip: well under the smallest default max_allowed_packet (16 MB, MariaDB; 64 MB, MySQL 8),
 * counted in UTF-16 units, which a UTF-8 byte count exceeds by at most 3x.
 */
const SCRIPT_BYTES = 4 * 1024 * 1024;

/** What one statement of a script did: rows affected (matched, for an UPDATE) and an INSERT's first generated id. */
export interface ScriptResult {
  affectedRows: number;
  insertId: number;
}

/**
 * A MySQL/MariaDB connection of its own that takes many statements in one round trip, for a writer that sends
 * a whole batch at once so the server works through it while node prepares the next one (with one statement
 * per round trip, each waits for node's event loop, which is busy preparing). The pool never allows
 * multi-statements; only statements formatted here from positional parameters reach this connection.
 */
export class ScriptConnection {
  private constructor(
    private readonly conn: Connection,
    /** Whether a multi-row INSERT's ids are LAST_INSERT_ID() and the ones after it (see serverGivesConsecutiveIds). */
    readonly consecutiveIds: boolean,
    /** The pool's zone for dates ('Z': a date's ISO text is its literal). */
    private readonly timezone: string,
  ) {}

  /** A connection with the data source's settings, or null on SQLite (in-process: nothing to overlap with). */
  static async open(ds: DataSource): Promise<ScriptConnection | null> {
    if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') return null;
    const options = scriptConnectionOptions(ds.options);
    const conn = await createConnection(options);
    try {
      const consecutive = await serverGivesConsecutiveIds(async (sql) => (await conn.query(sql))[0]);
      return new ScriptConnection(conn, consecutive, options.timezone ?? 'local');
    } catch (err) {
      await conn.end().catch(() => undefined);
      throw err;
    }
  }

  /** A statement with positional parameters as text, values escaped by the driver (in the pool's zone). */
  format(s: SqlStatement): string {
    return formatSql(s.sql, s.params as Parameters<typeof formatSql>[1], false, this.timezone);
  }

  /**
   * Values escaped in place by the driver (dates in UTC, as the pool writes them; fragments as they are). A batch
   * escapes a value per cell, so numbers, NULLs and dates take a short way; text always goes through the driver.
   */
  readonly inline: ValueWriter = (v: SqlCell) => {
    if (typeof v === 'number') return String(v);
    if (v === null || v === undefined) return 'NULL';
    if (this.timezone === 'Z' && v instanceof Date && !Number.isNaN(v.getTime())) return dateLiteral(v);
    return escapeSql(v, false, this.timezone);
  };

  /**
   * Runs statements (values inline) in as few round trips as the server's packet limit allows; a failing one
   * stops the rest and rejects.
   */
  async run(script: readonly string[]): Promise<ScriptResult[]> {
    const out: ScriptResult[] = [];
    for (let i = 0; i < script.length;) {
      let size = 0;
      let end = i;
      while (end < script.length && (end === i || size + script[end].length < SCRIPT_BYTES)) size += script[end++].length;
      const [res] = await this.conn.query(script.slice(i, end).join(';\n'));
      const all = (end - i === 1 ? [res] : res) as { affectedRows?: number; insertId?: number }[];
      for (const r of all) out.push({ affectedRows: Number(r?.affectedRows ?? 0), insertId: Number(r?.insertId ?? 0) });
      i = end;
    }
    return out;
  }

  /** A statement without parameters (COMMIT, ROLLBACK). */
  async query<T>(sql: string): Promise<T> {
    return (await this.conn.query(sql))[0] as T;
  }

  async close(): Promise<void> {
    // A transaction still open here is rolled back by the server when the connection goes.
    await this.conn.end().catch(() => this.conn.destroy());
  }
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, as the driver writes it for timezone 'Z', in one string rather than five. */
function dateLiteral(d: Date): string {
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return `'${d.toISOString().slice(0, 23).replace('T', ' ')}'`;
  return `'${year}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]} ${PAD2[d.getUTCHours()]}:${PAD2[d.getUTCMinutes()]}:${PAD2[d.getUTCSeconds()]}.${PAD3[d.getUTCMilliseconds()]}'`;
}

/** The pool's settings (url or host, zone, charset, number handling, TLS), plus multi-statements. */
export function scriptConnectionOptions(o: MysqlConnectionOptions): ConnectionOptions {
  const options: ConnectionOptions = {
    uri: o.url, host: o.host, port: o.port, user: o.username, password: o.password, database: o.database, timezone: o.timezone, charset: o.charset,
    supportBigNumbers: o.supportBigNumbers, bigNumberStrings: o.bigNumberStrings, ssl: o.ssl as ConnectionOptions['ssl'], multipleStatements: true,
    // Statements arrive as text with their values in place: the driver's placeholder scan of every script (megabytes
    // of it, looking for a `?` it would not fill) is skipped.
    // (mysql2's typings say the function returns void; it returns the text to send.)
    queryFormat: ((sql: string) => sql) as unknown as ConnectionOptions['queryFormat'],
  };
  // mysql2 fills what is unset from the url, and warns about keys it does not know; undefined ones stay out.
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ConnectionOptions;
}
