import type { DataSource } from 'typeorm';
import { insertStatement, readDate, runStatement, ScriptConnection, sqlDialectOf, updateFromRowsStatement } from '@copilot/api-core';
import { createDataSource } from '../database/data-source';
import { scratchDatabase } from '../database/migration-tools';

const dialect = process.env['TEST_DB'] === 'mysql' ? 'mysql' : 'sqlite';

/** The raw SQL helpers the hot paths use (ingestion), on the real schema of each dialect. */
describe(`raw SQL helpers on ${dialect}`, () => {
  let ds: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await scratchDatabase(dialect);
    drop = scratch.drop;
    ds = createDataSource(scratch.db);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.query("INSERT INTO customers (customer_code, name) VALUES ('acme', 'Acme')");
  });
  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  const insertAlerts = async (n: number): Promise<number[]> => {
    const at = new Date('2024-05-01T10:00:00.000Z');
    const rows = Array.from({ length: n }, (_, i) => [`t${i}`, 'OPEN', 'Low', 'raw', 'acme', at, at, at, `k${i}`]);
    await runStatement(ds.manager, insertStatement(sqlDialectOf(ds.manager), 'alerts', ['title', 'status', 'severity', 'source', 'customer_code', 'first_event_at', 'last_event_at', 'last_seen_at', 'dedup_key'], rows));
    const ids: { id: number }[] = await ds.query("SELECT id FROM alerts WHERE source = 'raw' ORDER BY id DESC LIMIT ?", [n]);
    return ids.map((r) => Number(r.id)).reverse();
  };

  it('updates many rows from rows of values, comparing dates as times and counting only the rows matched', async () => {
    const [a, b, c] = await insertAlerts(3);
    const later = new Date('2024-05-01T11:00:00.000Z');
    const earlier = new Date('2024-05-01T09:00:00.000Z');
    const set = () => 'occurrences = alerts.occurrences + v.n, last_event_at = CASE WHEN alerts.last_event_at < v.last_at THEN v.last_at ELSE alerts.last_event_at END';
    // c is asked at a version it does not have: not matched.
    const stmt = updateFromRowsStatement(sqlDialectOf(ds.manager), 'alerts', ['id', 'n', 'last_at', 'ver'], [[a, 2, later, 1], [b, 3, earlier, 1], [c, 4, later, 7]], set, 'alerts.version = v.ver');
    expect((await runStatement(ds.manager, stmt)).affected).toBe(2);
    const rows: { id: number; occurrences: number; last_event_at: unknown }[] = await ds.query(`SELECT id, occurrences, last_event_at FROM alerts WHERE id IN (${a}, ${b}, ${c}) ORDER BY id`);
    expect(rows.map((r) => [Number(r.occurrences), readDate(r.last_event_at).toISOString()])).toEqual([
      [3, later.toISOString()], [4, '2024-05-01T10:00:00.000Z'], [1, '2024-05-01T10:00:00.000Z'],
    ]);
  });

  it('runs a script of statements on a connection of its own, with values escaped in place', async () => {
    const conn = await ScriptConnection.open(ds);
    if (dialect === 'sqlite') {
      expect(conn).toBeNull(); // in-process: nothing to overlap with
      return;
    }
    if (!conn) throw new Error('no script connection on MySQL');
    try {
      expect(conn.consecutiveIds).toBe(true); // MariaDB's innodb_autoinc_lock_mode is 1
      const tricky = "it's a \\ back'slash; -- and \"quotes\" ?";
      const when = new Date('2024-05-02T03:04:05.678Z');
      const insert = `INSERT INTO alerts (title, status, severity, source, customer_code, first_event_at, last_event_at, last_seen_at, dedup_key, description) VALUES (${[tricky, 'OPEN', 'Low', 'script', 'acme', when, when, when, 'k', null].map(conn.inline).join(', ')})`;
      const results = await conn.run([insert, 'SET @first = LAST_INSERT_ID()', "UPDATE alerts SET occurrences = 5 WHERE id = @first AND source = 'script'"]);
      expect(results.map((r) => r.affectedRows)).toEqual([1, 0, 1]);
      const [row]: { title: string; description: string | null; occurrences: number; last_event_at: Date }[] = await ds.query('SELECT title, description, occurrences, last_event_at FROM alerts WHERE id = ?', [results[0].insertId]);
      expect(row).toMatchObject({ title: tricky, description: null, occurrences: 5 });
      expect(new Date(row.last_event_at).toISOString()).toBe(when.toISOString());
      // A failing statement stops the script: what comes after it does not run.
      await expect(conn.run(['UPDATE alerts SET occurrences = 6 WHERE id = @first', 'SELECT no_such_column FROM alerts', 'UPDATE alerts SET occurrences = 7 WHERE id = @first'])).rejects.toThrow(/no_such_column/);
      const [after]: { occurrences: number }[] = await ds.query('SELECT occurrences FROM alerts WHERE id = ?', [results[0].insertId]);
      expect(Number(after.occurrences)).toBe(6);
    } finally {
      await conn.close();
    }
  });
});
