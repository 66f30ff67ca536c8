import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsNull } from 'typeorm';
import { loadConfig, ServiceUnavailableError } from '@copilot/api-core';
import { Connector, ConnectorSeeder, ConnectorVerifier, WazuhIndexerClientFactory } from '@copilot/api-connectors';
import { captureNestLogs, FakeOpenSearch, ScriptedHttpServer, type LogCapture } from '@copilot/testing-fakes';
import { TestApp } from '../testing/harness';
import { expectProblem } from './helpers';

const PASSWORD = 'Seeded-Indexer-Pa55word';
const GRAYLOG_PASSWORD = 'Seeded-Graylog-Pa55word';

/** Boot seeding from the environment, background verification, and the typed client factory. */
describe('connectors seeded from the environment (integration)', () => {
  let t: TestApp;
  let indexer: FakeOpenSearch;
  let customerIndexer: FakeOpenSearch;
  let dir: string;
  let env: Record<string, string>;
  let bootLogs: LogCapture;
  let admin: string;
  let lastVerifiedRightAfterBoot: Date | null;

  /** The connector environment as a later boot would read it (only connectorEnv of this config is used). */
  const envAt = (changes: Record<string, string>) => {
    const key = () => randomBytes(48).toString('base64');
    return loadConfig({ DATABASE_URL: 'sqlite::memory:', COPILOT_DATA_DIR: dir, JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key(), ...env, ...changes }, dir).connectorEnv;
  };
  const globalRow = (name: string) => t.db.getRepository(Connector).findOneOrFail({ where: { name, customerCode: IsNull() } });
  const globalCount = () => t.db.getRepository(Connector).count({ where: { customerCode: IsNull() } });

  beforeAll(async () => {
    indexer = await FakeOpenSearch.start({ tls: true, password: PASSWORD });
    customerIndexer = await FakeOpenSearch.start({ tls: true, password: 'customer-indexer-pw', clusterName: 'customer-a-cluster' });
    dir = mkdtempSync(join(tmpdir(), 'copilot-connector-env-'));
    writeFileSync(join(dir, 'indexer-ca.pem'), indexer.caPem ?? '');
    env = {
      WAZUH_INDEXER_URL: indexer.url,
      WAZUH_INDEXER_USERNAME: 'admin',
      WAZUH_INDEXER_PASSWORD: PASSWORD,
      WAZUH_INDEXER_CA_FILE: join(dir, 'indexer-ca.pem'),
      // Nothing listens on the discard port: verify fails fast with a connection error.
      GRAYLOG_URL: 'http://127.0.0.1:9',
      GRAYLOG_USERNAME: 'admin',
      GRAYLOG_PASSWORD: GRAYLOG_PASSWORD,
      INFLUXDB_ORG: 'acme',
      INFLUXDB_BUCKET: 'telegraf',
    };
    // The first health check is slow: boot must finish (and serve) without waiting for it.
    indexer.injectFault({ kind: 'delay', ms: 2_500 }, { path: '/_cluster/health' });
    bootLogs = captureNestLogs();
    t = await TestApp.start(env);
    lastVerifiedRightAfterBoot = (await globalRow('Wazuh-Indexer')).lastVerifiedAt;
    admin = await t.adminToken();
  });
  afterAll(async () => {
    bootLogs.restore();
    await t.close();
    await indexer.stop();
    await customerIndexer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('boots and serves without waiting for connector verification, which then completes in the background', async () => {
    expect(lastVerifiedRightAfterBoot).toBeNull();
    expect((await t.request('GET', '/api/auth/me', { token: admin })).status).toBe(200);
    await t.get(ConnectorVerifier).whenIdle();
    const row = await globalRow('Wazuh-Indexer');
    expect(row).toEqual(expect.objectContaining({ configured: true, verified: true, lastError: null }));
    expect(await globalRow('Graylog')).toEqual(expect.objectContaining({ configured: true, verified: false, lastError: expect.stringMatching(/refused/i) }));
  });

  it('seeds the environment values, secrets encrypted, and logs no secret at any level', async () => {
    const res = await t.request<{ items: { name: string; url: string | null; passwordSet: boolean; caPem: string | null; extra: Record<string, string> }[] }>('GET', '/api/connectors?limit=100', { token: admin });
    const byName = Object.fromEntries(res.body.items.map((c) => [c.name, c]));
    expect(byName['Wazuh-Indexer']).toEqual(expect.objectContaining({ url: indexer.url, passwordSet: true, caPem: indexer.caPem }));
    expect(byName['InfluxDB'].extra).toEqual({ INFLUXDB_ORG: 'acme', INFLUXDB_BUCKET: 'telegraf' });
    expect(res.text).not.toContain(PASSWORD);
    const raw = JSON.stringify(await t.db.query('SELECT * FROM connectors'));
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain(GRAYLOG_PASSWORD);
    expect(bootLogs.text()).toMatch(/4\/6 reference data seeded \(.*connectors created: Wazuh-Manager, Wazuh-Indexer, Graylog/);
    expect(bootLogs.text()).toContain('Wazuh-Indexer (global) verified: connected to OpenSearch cluster');
    for (const secret of [PASSWORD, GRAYLOG_PASSWORD, Buffer.from(`admin:${PASSWORD}`).toString('base64')]) expect(bootLogs.text()).not.toContain(secret);
  });

  it('re-seeding never duplicates; an unedited row follows the environment; an edited row is kept', async () => {
    const seeder = t.get(ConnectorSeeder);
    expect(await seeder.seed(envAt({}))).toEqual({ created: [], updated: [], kept: [] });
    expect(await globalCount()).toBe(9);

    const graylog = await globalRow('Graylog');
    const edit = await t.request('PUT', `/api/connectors/${graylog.id}`, { token: admin, body: { url: 'http://graylog.edited.example:9000' } });
    expect(edit.status).toBe(200);
    const changed = envAt({ GRAYLOG_URL: 'http://graylog.moved.example:9000', INFLUXDB_BUCKET: 'metrics', SHUFFLE_URL: 'https://shuffle:3443', SHUFFLE_API_KEY: 'k' });
    expect(await seeder.seed(changed)).toEqual({ created: [], updated: ['InfluxDB', 'Shuffle'], kept: ['Graylog'] });
    expect((await globalRow('Graylog')).url).toBe('http://graylog.edited.example:9000');
    expect((await globalRow('InfluxDB')).extra).toEqual({ INFLUXDB_ORG: 'acme', INFLUXDB_BUCKET: 'metrics' });
    expect(await globalRow('Shuffle')).toEqual(expect.objectContaining({ url: 'https://shuffle:3443', configured: true }));
    expect(await seeder.seed(changed)).toEqual({ created: [], updated: [], kept: ['Graylog'] });
    expect(await globalCount()).toBe(9);

    // Edited back to exactly what the environment says: it follows the environment again from then on.
    await t.request('PUT', `/api/connectors/${graylog.id}`, { token: admin, body: { url: 'http://graylog.moved.example:9000' } });
    expect(await seeder.seed(changed)).toEqual({ created: [], updated: [], kept: [] });
    expect(await seeder.seed(envAt({ GRAYLOG_URL: 'http://graylog.final.example:9000' }))).toEqual(expect.objectContaining({ updated: expect.arrayContaining(['Graylog']), kept: [] }));
    expect((await globalRow('Graylog')).url).toBe('http://graylog.final.example:9000');
  });

  it('gives each customer its own indexer instance when it has one, else the global one', async () => {
    await t.createCustomer(admin, 'seed-a');
    await t.createCustomer(admin, 'seed-b');
    const factory = t.get(WazuhIndexerClientFactory);
    expect((await (await factory.forCustomer('seed-a')).health()).cluster_name).toBe('wazuh-cluster');
    const own = await t.request<{ id: number }>('POST', '/api/connectors', {
      token: admin,
      body: { name: 'Wazuh-Indexer', customerCode: 'seed-a', url: customerIndexer.url, username: 'admin', password: 'customer-indexer-pw', caPem: customerIndexer.caPem },
    });
    expect(own.status).toBe(201);
    expect((await (await factory.forCustomer('seed-a')).health()).cluster_name).toBe('customer-a-cluster');
    expect((await (await factory.forCustomer('seed-b')).health()).cluster_name).toBe('wazuh-cluster');
    expect((await (await factory.forCustomer()).health()).cluster_name).toBe('wazuh-cluster');
    expect(customerIndexer.requests.every((r) => r.headers['authorization'] !== `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`)).toBe(true);
  });

  it('answers 503 naming the indexer while it is down or unconfigured, and keeps serving everything else', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const deadUrl = gone.url;
    await gone.stop();
    const global = await globalRow('Wazuh-Indexer');
    expect((await t.request('PUT', `/api/connectors/${global.id}`, { token: admin, body: { url: deadUrl } })).status).toBe(200);
    const factory = t.get(WazuhIndexerClientFactory);
    const down = await (await factory.forCustomer('seed-b')).health().catch((err: unknown) => err);
    expect(down).toBeInstanceOf(ServiceUnavailableError);
    expect((down as ServiceUnavailableError).dependency).toBe('Wazuh-Indexer');
    expect((down as ServiceUnavailableError).status).toBe(503);
    expect((await t.request('GET', '/api/customers', { token: admin })).status).toBe(200);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    const verify = await t.request<{ connectionSuccessful: boolean; message: string }>('POST', `/api/connectors/verify/${global.id}`, { token: admin });
    expect(verify.status).toBe(200);
    expect(verify.body.connectionSuccessful).toBe(false);

    await t.request('PUT', `/api/connectors/${global.id}`, { token: admin, body: { password: null } });
    const unconfigured = await factory.forCustomer('seed-b').catch((err: unknown) => err);
    expect(unconfigured).toEqual(new ServiceUnavailableError('Wazuh-Indexer', 'not configured: set password'));
    expectProblem(await t.request('GET', '/api/connectors/999999', { token: admin }), 404);
  });
});
