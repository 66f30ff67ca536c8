import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Resources } from '../resources';
import { connectionOptions } from '../scratch-db';

const COMPOSE = join(__dirname, '../../../docker/docker-compose.yml');
const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** A MySQL size ("1G", "512M", "134217728") in bytes. */
export function sizeBytes(size: string): number {
  const m = /^(\d+)([KMG]?)$/i.exec(size.trim());
  if (!m) throw new Error(`"${size}" is not a size (bytes, or a number with K, M or G)`);
  return Number(m[1]) * UNITS[m[2].toUpperCase()];
}

/**
 * The InnoDB buffer pool docker-compose gives production MySQL unless the operator sets another: the bench
 * measures the pipeline on the database as deployed, so it reads the size from there rather than repeating it.
 */
export function composeBufferPoolBytes(composeText = readFileSync(COMPOSE, 'utf8')): number {
  const m = /--innodb-buffer-pool-size=\$\{MYSQL_BUFFER_POOL_SIZE:-([^}]+)\}/.exec(composeText);
  if (!m) throw new Error('docker/docker-compose.yml no longer sets --innodb-buffer-pool-size=${MYSQL_BUFFER_POOL_SIZE:-...}');
  return sizeBytes(m[1]);
}

/** How the run's buffer pool was set, for the report. */
export interface BufferPoolNote {
  bytes: number;
  /** The server's own size when the bench raised it for the run (and put it back after). */
  serverBytes?: number;
}

/**
 * Runs `work` with the server's buffer pool at least `bytes` (both sides of the comparison run under it),
 * then puts the server's own size back, also when `res` is released early (Ctrl-C). The pool is resized
 * online (MySQL 5.7+, MariaDB 10.2+); an account that may not set globals leaves the server as it is, and
 * the report says which size the run had.
 */
export async function withBufferPool<T>(serverUrl: string, bytes: number | 'server', res: Resources, work: (note: BufferPoolNote) => Promise<T>): Promise<T> {
  const own = await onServer(serverUrl, currentBytes);
  if (bytes === 'server' || own >= bytes) return work({ bytes: own });
  try {
    await onServer(serverUrl, (conn) => resize(conn, bytes));
  } catch (err) {
    process.stderr.write(`could not raise the buffer pool to ${bytes / 2 ** 20} MB (${err instanceof Error ? err.message : String(err)}); measuring with the server's ${own / 2 ** 20} MB\n`);
    return work({ bytes: own });
  }
  let restoring: Promise<void> | undefined;
  const restore = () => (restoring ??= onServer(serverUrl, (conn) => resize(conn, own)));
  res.add(restore);
  try {
    return await work({ bytes: await onServer(serverUrl, currentBytes), serverBytes: own });
  } finally {
    await restore();
  }
}

type Conn = Awaited<ReturnType<typeof createConnection>>;

async function onServer<T>(serverUrl: string, use: (conn: Conn) => Promise<T>): Promise<T> {
  const conn = await createConnection(connectionOptions(serverUrl));
  try {
    return await use(conn);
  } finally {
    await conn.end();
  }
}

async function currentBytes(conn: Conn): Promise<number> {
  const [rows] = await conn.query('SELECT @@innodb_buffer_pool_size AS size');
  return Number((rows as { size: number | string }[])[0].size);
}

/** Sets the size and waits for the resize running in the background to finish (at most a minute). */
async function resize(conn: Conn, bytes: number): Promise<void> {
  await conn.query('SET GLOBAL innodb_buffer_pool_size = ?', [bytes]);
  for (let waited = 0; waited < 60_000; waited += 250) {
    const [rows] = await conn.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_resize_status'");
    const status = String((rows as { Value?: string }[])[0]?.Value ?? '');
    if (!/resiz|withdraw|allocat/i.test(status) || /complet/i.test(status)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
