import { randomBytes } from 'node:crypto';
import { createConnection, type Connection, type ConnectionOptions } from 'mysql2/promise';

/** Connection options for a server URL (mysql://user:pass@host:port), optionally into a database. */
export function connectionOptions(serverUrl: string, database?: string): ConnectionOptions {
  const u = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    // The same settings the api's DataSource uses, so both servers read identical values.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

export interface ScratchDatabase {
  readonly name: string;
  /** URL the api takes as DATABASE_URL. */
  readonly url: string;
  connect(): Promise<Connection>;
  drop(): Promise<void>;
}

/**
 * An empty database of its own for one run. The api migrates it at boot; `drop` is idempotent and
 * is called from every exit path (including Ctrl-C), since a million-row leftover is 500 MB.
 */
export async function createScratchDatabase(serverUrl: string, name = `copilot_bench_${randomBytes(4).toString('hex')}`): Promise<ScratchDatabase> {
  const server = await createConnection(connectionOptions(serverUrl));
  try {
    await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.end();
  }
  let dropped = false;
  return {
    name,
    url: `${serverUrl}/${name}`,
    connect: () => createConnection(connectionOptions(serverUrl, name)),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const conn = await createConnection(connectionOptions(serverUrl));
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const conn = await createConnection(connectionOptions(serverUrl));
  try {
    const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    return Array.isArray(rows) && rows.length > 0;
  } finally {
    await conn.end();
  }
}
