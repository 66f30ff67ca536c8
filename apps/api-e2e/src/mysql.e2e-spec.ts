import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { ApiProcess, http, killAll, randomKey, removeDir, runMain, startApi, tempDir, tokenFor } from './support/process';

jest.setTimeout(60_000);

const SERVER_URL = (process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');

async function withServer<T>(work: (conn: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> {
  const conn = await createConnection({ uri: SERVER_URL });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return withServer(async (conn) => {
    const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    return Array.isArray(rows) && rows.length > 0;
  });
}

/** The production shape: a MySQL/MariaDB DATABASE_URL with the install secrets from the environment. */
describe('boot against MariaDB', () => {
  const database = `copilot_e2e_${randomBytes(6).toString('hex')}`;
  const url = `${SERVER_URL}/${database}`;
  const dataDir = tempDir();
  const secrets = { JWT_SECRET: randomKey(), COPILOT_ENCRYPTION_KEY: randomKey() };
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.stop();
    await killAll();
    await withServer((conn) => conn.query(`DROP DATABASE IF EXISTS \`${database}\``));
    removeDir(dataDir);
  });

  it('refuses to start without JWT_SECRET, naming it, and touches nothing', async () => {
    const res = await runMain([], { DATABASE_URL: url, COPILOT_DATA_DIR: dataDir, COPILOT_ENCRYPTION_KEY: secrets.COPILOT_ENCRYPTION_KEY });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET');
    expect(res.stderr).not.toContain('COPILOT_ENCRYPTION_KEY');
    expect(res.stderr + res.stdout).not.toContain(secrets.COPILOT_ENCRYPTION_KEY);
    expect(await databaseExists(database)).toBe(false);
    expect(existsSync(join(dataDir, 'jwt_secret.key'))).toBe(false);
  });

  it('creates the database, migrates it and serves /api/health; a restart finds the schema up to date', async () => {
    expect(await databaseExists(database)).toBe(false);
    api = await startApi(dataDir, { DATABASE_URL: url, ...secrets });
    expect(await databaseExists(database)).toBe(true);
    expect(api.output()).toContain(`created database "${database}"`);
    const health = await http<{ status: string; database: { status: string } }>(api.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.database.status).toBe('up');

    // With the secrets from the environment, none is written to the data dir.
    expect(existsSync(join(dataDir, 'jwt_secret.key'))).toBe(false);
    expect(existsSync(join(dataDir, 'copilot_encryption_key.key'))).toBe(false);

    const password = readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim();
    const token = await tokenFor(api.url, 'admin', password);
    const created = await http(api.url, 'POST', '/api/customers', { token, json: { customerCode: 'maria-e2e', name: 'On MariaDB' } });
    expect(created.status).toBe(201);
    const tables = await withServer(async (conn) => {
      const [rows] = await conn.query('SELECT customer_code AS code FROM ??.?? WHERE customer_code = ?', [database, 'customers', 'maria-e2e']);
      return rows;
    });
    expect(tables).toEqual([{ code: 'maria-e2e' }]);

    await api.stop();
    api = await startApi(dataDir, { DATABASE_URL: url, ...secrets });
    expect(api.output()).toContain('schema up to date');
    expect(api.output()).not.toContain('created database');
    const me = await http(api.url, 'GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
  });
});
