import type { Connection as CallbackConnection } from 'mysql2';
import type { Connection } from 'mysql2/promise';
import { dbServerCpuReader } from '../measure';
import { CpuSpent, cpuSpentSince } from './cpu';

/** The tables a pass writes rows into, parents first (foreign keys). */
export const PIPELINE_TABLES = ['alerts', 'alert_assets', 'alert_iocs', 'alert_contexts', 'alert_origins', 'alert_events', 'alert_sources'] as const;

/**
 * The raw baseline: the very rows the pipeline wrote, copied from its database into an empty one with the same
 * schema by multi-row INSERTs of `chunk` rows, one transaction per chunk (as the pipeline commits per batch).
 * Only the INSERTs are timed; reading the rows back out is not.
 */
export async function rawInsertMs(from: Connection, to: Connection, chunk: number): Promise<{ ms: number; rows: number; cpu: CpuSpent }> {
  let ms = 0;
  let rows = 0;
  const cpu: CpuSpent = { nodeMs: 0, dbMs: 0 };
  const dbCpu = dbServerCpuReader();
  await to.query('SET FOREIGN_KEY_CHECKS = 1');
  for (const table of PIPELINE_TABLES.filter((t) => t !== 'alert_sources')) {
    const [cols] = await from.query(`SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, [table]);
    const names = (cols as { c: string }[]).map((r) => `\`${r.c}\``);
    const flush = async (values: unknown[][]) => {
      const t0 = process.hrtime.bigint();
      const since = cpuSpentSince(dbCpu);
      await to.beginTransaction();
      await to.query(`INSERT INTO \`${table}\` (${names.join(', ')}) VALUES ?`, [values]);
      await to.commit();
      ms += Number(process.hrtime.bigint() - t0) / 1e6;
      const spent = since();
      cpu.nodeMs += spent.nodeMs;
      cpu.dbMs += spent.dbMs;
      rows += values.length;
    };
    // Streamed out of the source database, so a million origin rows never sit in memory at once.
    const core = (from as unknown as { connection: CallbackConnection }).connection;
    const stream = core.query({ sql: `SELECT ${names.join(', ')} FROM \`${table}\``, rowsAsArray: true }).stream({ highWaterMark: chunk });
    let buffer: unknown[][] = [];
    for await (const row of stream) {
      buffer.push(row as unknown[]);
      if (buffer.length === chunk) {
        await flush(buffer);
        buffer = [];
      }
    }
    if (buffer.length > 0) await flush(buffer);
  }
  return { ms, rows, cpu };
}
