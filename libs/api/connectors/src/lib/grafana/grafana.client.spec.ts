import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  ConflictError,
  OutboundHttpFactory,
  PreconditionFailedError,
  ServiceUnavailableError,
  UpstreamAuthError,
} from '@copilot/api-core';
import { captureNestLogs } from '@copilot/testing-fakes';
import { FakeGrafana } from '@copilot/testing-fakes';
import { GrafanaClient } from './grafana.client';
import type { GrafanaConfig } from './grafana.types';

const PASSWORD = 'S3cret-grafana!';
const TOKEN = 'glsa_editorTokenForMainOrg_12345678';

describe('GrafanaClient against FakeGrafana over HTTPS', () => {
  let fake: FakeGrafana;
  let admin: GrafanaClient;
  let token: GrafanaClient;
  const outbound = new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() });
  const build = (overrides: Partial<GrafanaConfig>) =>
    new GrafanaClient({ url: fake.url, caPem: fake.caPem, ...overrides }, outbound);
  const lastRequest = () => fake.requests[fake.requests.length - 1];

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeGrafana.start({ tls: true, password: PASSWORD });
    fake.addServiceAccountToken(TOKEN, 1, 'Editor');
    admin = build({ username: 'admin', password: PASSWORD });
    token = build({ apiKey: TOKEN, username: 'ignored', password: 'ignored' });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await Promise.all([admin.close(), token.close()]);
    await fake.stop();
  });

  it('sends Basic auth, or Bearer when an API key is set, and the org header only on scoped calls', async () => {
    await admin.listFolders();
    expect(lastRequest().headers['authorization']).toBe(`Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`);
    expect(lastRequest().headers['x-grafana-org-id']).toBeUndefined();
    await token.listFolders({}, { orgId: 1 });
    expect(lastRequest().headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(lastRequest().headers['x-grafana-org-id']).toBe('1');
    expect(token.auth).toBe('token');
  });

  it('reads health and the current organization', async () => {
    expect(await admin.health()).toMatchObject({ database: 'ok', version: { raw: '11.3.1', major: 11, minor: 3 } });
    expect(await admin.currentOrg()).toEqual({ id: 1, name: 'Main Org.' });
    expect(await admin.currentOrg({ orgId: 2 })).toEqual({ id: 2, name: 'ACME' });
  });

  it('manages organizations as a server admin', async () => {
    expect((await admin.listOrgs()).map((o) => o.name)).toEqual(['Main Org.', 'ACME']);
    const id = await admin.createOrg('GLOBEX');
    expect(await admin.getOrgByName('GLOBEX')).toEqual({ id, name: 'GLOBEX' });
    expect(await admin.getOrgByName('Nobody Inc.')).toBeNull();
    expect(lastRequest().path).toBe('/api/orgs/name/Nobody Inc.');
    await expect(admin.createOrg('globex')).rejects.toThrow(
      new ConflictError('Grafana: organization already exists: Organization name taken'),
    );
    await expect(admin.createOrg('  ')).rejects.toBeInstanceOf(BadInputError);
  });

  it('explains that organizations need a server admin, not a token or an ordinary user', async () => {
    await expect(token.listOrgs()).rejects.toThrow(
      'Grafana: managing organizations needs a Grafana server admin signing in with username and password; a service-account token cannot (HTTP 403 from GET /api/orgs)',
    );
    const viewer = build({ username: 'analyst', password: 'analyst-pass' });
    await expect(viewer.createOrg('X')).rejects.toThrow(
      'the Grafana user is not a server admin, which managing organizations needs (HTTP 403 from POST /api/orgs)',
    );
    await viewer.close();
  });

  it('lists and creates folders per organization, refusing duplicates and unsafe uids', async () => {
    expect((await admin.listFolders()).map((f) => f.uid)).toEqual(['wazuh', 'infrastructure']);
    expect((await admin.listFolders({}, { orgId: 2 })).map((f) => f.title)).toEqual(['ACME Security']);
    const created = await token.createFolder({ title: 'Customer ACME', uid: 'customer-acme' });
    expect(created).toMatchObject({
      uid: 'customer-acme',
      title: 'Customer ACME',
      url: '/dashboards/f/customer-acme/customer-acme',
    });
    await expect(token.createFolder({ title: 'customer acme' })).rejects.toBeInstanceOf(ConflictError);
    const before = fake.requests.length;
    await expect(token.createFolder({ title: 'x', uid: '../admin' })).rejects.toBeInstanceOf(BadInputError);
    await expect(token.createFolder({ title: '' })).rejects.toBeInstanceOf(BadInputError);
    expect(fake.requests.length).toBe(before);
  });

  it('creates, lists and deletes data sources; secrets go in encrypted and never come back', async () => {
    const created = await admin.createDatasource({
      name: 'ACME Wazuh',
      type: 'grafana-opensearch-datasource',
      url: 'https://acme-indexer:9200',
      basicAuth: true,
      basicAuthUser: 'reader',
      jsonData: { database: 'wazuh-alerts-*', timeField: 'timestamp' },
      secureJsonData: { basicAuthPassword: 'ds-secret-value' },
    });
    expect(created).toMatchObject({
      name: 'ACME Wazuh',
      access: 'proxy',
      basicAuth: true,
      secureJsonFields: { basicAuthPassword: true },
    });
    expect(JSON.stringify(created)).not.toContain('ds-secret-value');
    expect((await admin.listDatasources()).map((d) => d.name)).toEqual(['WAZUH', 'InfluxDB', 'ACME Wazuh']);
    await expect(admin.createDatasource({ name: 'ACME Wazuh', type: 'influxdb' })).rejects.toThrow(
      'Grafana: data source already exists: data source with the same name already exists',
    );
    expect(await admin.deleteDatasource(created.uid)).toBe(true);
    expect(await admin.deleteDatasource(created.uid)).toBe(false);
    await expect(admin.deleteDatasource('a/b')).rejects.toBeInstanceOf(BadInputError);
  });

  it('turns a missing permission into an access-denied error', async () => {
    const viewer = build({ username: 'analyst', password: 'analyst-pass' });
    const attempt = viewer.createDatasource({ name: 'x', type: 'influxdb' });
    await expect(attempt).rejects.toBeInstanceOf(UpstreamAuthError);
    await expect(attempt).rejects.toThrow(
      "Grafana: access denied (HTTP 403 from POST /api/datasources): You'll need additional permissions",
    );
    await viewer.close();
  });

  it('saves dashboards, reads them back, and reports stale versions and name clashes', async () => {
    const saved = await token.saveDashboard({
      dashboard: { uid: 'acme-alerts', title: 'ACME Alerts', tags: ['acme'], panels: [], schemaVersion: 39 },
      folderUid: 'wazuh',
      message: 'provisioned by CoPilot',
    });
    expect(saved).toEqual({
      id: expect.any(Number),
      uid: 'acme-alerts',
      url: '/d/acme-alerts/acme-alerts',
      status: 'success',
      version: 1,
      slug: 'acme-alerts',
    });
    const view = await token.getDashboard('acme-alerts');
    expect(view).toMatchObject({
      uid: 'acme-alerts',
      title: 'ACME Alerts',
      version: 1,
      folderUid: 'wazuh',
      folderTitle: 'Wazuh',
    });
    expect(view?.dashboard['tags']).toEqual(['acme']);
    await expect(
      token.saveDashboard({ dashboard: { uid: 'acme-alerts', title: 'ACME Alerts', version: 0 } }),
    ).rejects.toThrow(
      new PreconditionFailedError(
        'Grafana: dashboard was not saved (version-mismatch): The dashboard has been changed by someone else',
      ),
    );
    await expect(token.saveDashboard({ dashboard: { title: 'Wazuh - Summary' }, folderUid: 'wazuh' })).rejects.toThrow(
      /name-exists/,
    );
    const overwritten = await token.saveDashboard({
      dashboard: { uid: 'acme-alerts', title: 'ACME Alerts v2' },
      folderUid: 'wazuh',
      overwrite: true,
    });
    expect(overwritten.version).toBe(2);
    const generated = await token.saveDashboard({ dashboard: { id: 99, uid: null, title: 'Fresh' } });
    expect(generated.uid).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(JSON.parse(lastRequest().body)).toMatchObject({
      dashboard: { id: null, uid: null, title: 'Fresh' },
      overwrite: false,
    });
    expect(await token.getDashboard('no-such-dashboard')).toBeNull();
    await expect(token.saveDashboard({ dashboard: { title: 'x' }, folderUid: 'nope' })).rejects.toThrow(
      'Grafana refused the dashboard: folder not found',
    );
  });

  it('searches by query, type and tag, and merges several folders', async () => {
    expect((await admin.search({ query: 'metrics' })).map((h) => [h.uid, h.type])).toEqual([
      ['host-metrics', 'dash-db'],
    ]);
    expect((await admin.search({ type: 'dash-folder' })).every((h) => h.type === 'dash-folder')).toBe(true);
    expect((await admin.search({ tag: 'edr' })).map((h) => h.uid)).toEqual(['wazuh-summary']);
    const both = await admin.search({ type: 'dash-db', folderUIDs: ['wazuh', 'general'] });
    expect(both.map((h) => h.uid)).toEqual(expect.arrayContaining(['wazuh-summary', 'host-metrics']));
    expect(both.find((h) => h.uid === 'wazuh-summary')).toMatchObject({ folderUid: 'wazuh', folderTitle: 'Wazuh' });
    expect(
      fake.requests
        .filter((r) => r.path === '/api/search')
        .slice(-2)
        .map((r) => r.query['folderUIDs']),
    ).toEqual(['wazuh', 'general']);
    expect(await admin.search({ query: 'zzz' }, { orgId: 2 })).toEqual([]);
  });

  it('explains organization mismatches of tokens and users', async () => {
    await expect(token.listDatasources({ orgId: 2 })).rejects.toThrow(
      new ServiceUnavailableError(
        'Grafana',
        'the service-account token belongs to another organization than 2; a token works in one organization only (use a server admin username and password to work across organizations)',
      ),
    );
    const viewer = build({ username: 'analyst', password: 'analyst-pass' });
    await expect(viewer.listFolders({}, { orgId: 2 })).rejects.toThrow(
      'refused for organization 2 (HTTP 401): wrong credentials, or the user is not a member',
    );
    await expect(viewer.listFolders({}, { orgId: 0 })).rejects.toBeInstanceOf(BadInputError);
    await viewer.close();
  });

  it('retries a transient 5xx on reads and sees a password changed mid-session', async () => {
    fake.failNext(1, 502);
    expect((await admin.listDatasources()).length).toBeGreaterThan(0);
    fake.setPassword('admin', 'rotated');
    try {
      await expect(admin.listFolders()).rejects.toThrow('wrong credentials (HTTP 401 from GET /api/folders)');
      expect((await admin.verify()).message).toContain(
        'is up but the credentials were refused: wrong username or password',
      );
    } finally {
      fake.setPassword('admin', PASSWORD);
    }
    expect((await admin.verify()).ok).toBe(true);
  });

  it('never logs credentials or data source secrets at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await admin.createDatasource({
        name: 'Logged?',
        type: 'influxdb',
        url: 'http://influx:8086',
        jsonData: { version: 'Flux', organization: 'SOCFortress', defaultBucket: 'telegraf' },
        secureJsonData: { token: 'influx-token-in-ds', password: 'ds-password', basicAuthPassword: 'ds-basic' },
      });
      await token.search({ query: 'x' });
      expect(
        logs.entries.some(
          (e) => e.level === 'debug' && e.message.includes('POST') && e.message.includes('/api/datasources'),
        ),
      ).toBe(true);
      for (const secret of [PASSWORD, TOKEN, 'influx-token-in-ds', 'ds-password', 'ds-basic'])
        expect(logs.text()).not.toContain(secret);
    } finally {
      logs.restore();
      Logger.overrideLogger(['error']);
    }
  });
});
