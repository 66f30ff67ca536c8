import type { Connection } from 'mysql2/promise';

export interface TableShape {
  table: string;
  columns: string[];
}

export interface BulkInsertOptions {
  conns: Connection[];
  /** Tables filled together; `build` returns one list of rows per table, in this order. */
  tables: TableShape[];
  total: number;
  /** Rows for source items [start, end); deterministic per range, so batches may run in any order. */
  build: (start: number, end: number) => unknown[][][];
  /** Items per INSERT; ~1,000 rows of a few hundred bytes stays far below max_allowed_packet. */
  batch?: number;
  log: (line: string) => void;
}

/** InnoDB may pick one of two concurrent multi-row INSERTs as a deadlock victim; that statement was undone whole. */
async function insertRetried(conn: Connection, sql: string, rows: unknown[][]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await conn.query(sql, [rows]);
      return;
    } catch (err) {
      if ((err as { errno?: number }).errno !== 1213 || attempt === 5) throw err;
    }
  }
}

/**
 * Multi-row INSERTs, one batch in flight per connection, so the client builds and escapes the next
 * batch while the server stores the last. Foreign-key and unique checks are off for these sessions
 * only: the rows are valid by construction, and the checks would cost a lookup per row.
 */
export async function bulkInsert(opts: BulkInsertOptions): Promise<void> {
  const batch = opts.batch ?? 1000;
  const batches = Math.ceil(opts.total / batch);
  const started = Date.now();
  let next = 0;
  let done = 0;
  let reported = 0;
  const worker = async (conn: Connection): Promise<void> => {
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    for (let b = next++; b < batches; b = next++) {
      const start = b * batch;
      const perTable = opts.build(start, Math.min(opts.total, start + batch));
      for (let t = 0; t < opts.tables.length; t++) {
        const rows = perTable[t];
        if (rows.length === 0) continue;
        const { table, columns } = opts.tables[t];
        await insertRetried(conn, `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, rows);
      }
      done++;
      const pct = Math.floor((done * 10) / batches);
      if (pct > reported && done < batches) {
        reported = pct;
        const secs = (Date.now() - started) / 1000;
        opts.log(`  loaded ${Math.min(opts.total, done * batch).toLocaleString('en-US')} of ${opts.total.toLocaleString('en-US')} in ${secs.toFixed(0)} s`);
      }
    }
    await conn.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
  };
  await Promise.all(opts.conns.map(worker));
}
