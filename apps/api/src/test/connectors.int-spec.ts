import { captureNestLogs, FakeOpenSearch, ScriptedHttpServer } from '@copilot/testing-fakes';
import { TestApp } from '../testing/harness';
import { expectProblem, PageBody } from './helpers';

interface ConnectorBody {
  id: number;
  name: string;
  customerCode: string | null;
  url: string | null;
  username: string | null;
  passwordSet: boolean;
  apiKeySet: boolean;
  fileSet: boolean;
  fileName: string | null;
  extra: Record<string, string>;
  verifyTls: boolean;
  tlsWarning: string | null;
  configured: boolean;
  supported: boolean;
  verified: boolean;
  lastVerifiedAt: string | null;
  lastError: string | null;
  version: number;
}
interface VerifyBody {
  connectionSuccessful: boolean;
  message: string;
}

const PASSWORD = 'Indexer-Pa55word-for-tests';
const API_KEY = 'shuffle-api-key-0123456789';
const PEM = (kind: string) => `|\n  -----BEGIN ${kind}-----\n  MIIBkTCB+wIJAK\n  -----END ${kind}-----`;
const VELOCIRAPTOR_YAML = `ca_certificate: ${PEM('CERTIFICATE')}\nclient_cert: ${PEM('CERTIFICATE')}\nclient_private_key: ${PEM('PRIVATE KEY')}\napi_connection_string: velociraptor:8001\n`;

describe('connectors (integration)', () => {
  let t: TestApp;
  let fake: FakeOpenSearch;
  let admin: string;
  let analystA: string;
  let analystB: string;

  beforeAll(async () => {
    fake = await FakeOpenSearch.start({ tls: true, password: PASSWORD });
    t = await TestApp.start();
    admin = await t.adminToken();
    await t.createCustomer(admin, 'conn-a');
    await t.createCustomer(admin, 'conn-b');
    analystA = (await t.createUser(admin, 'conn-analyst-a', 'analyst', ['conn-a'])).token;
    analystB = (await t.createUser(admin, 'conn-analyst-b', 'analyst', ['conn-b'])).token;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => fake.clearFaults());

  const list = (token = admin, query = '') => t.request<PageBody<ConnectorBody>>('GET', `/api/connectors?limit=100${query}`, { token });
  const get = (id: number, token = admin) => t.request<ConnectorBody>('GET', `/api/connectors/${id}`, { token });
  const create = (body: Record<string, unknown>) => t.request<ConnectorBody>('POST', '/api/connectors', { token: admin, body });
  const put = (id: number, body: Record<string, unknown>) => t.request<ConnectorBody>('PUT', `/api/connectors/${id}`, { token: admin, body });
  const verify = (id: number, token = admin) => t.request<VerifyBody>('POST', `/api/connectors/verify/${id}`, { token });
  const rawRow = async (id: number) => ((await t.db.query('SELECT * FROM connectors WHERE id = ?', [id])) as Record<string, unknown>[])[0];
  const indexerFor = (customerCode: string, extra: Record<string, unknown> = {}) =>
    create({ name: 'Wazuh-Indexer', customerCode, url: fake.url, username: 'admin', password: PASSWORD, caPem: fake.caPem, ...extra });
  const globalId = async (name: string) => (await list(admin, `&name=${name}`)).body.items.find((c) => c.customerCode === null)?.id ?? 0;

  it('seeds one global, unconfigured row per catalogue connector', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const globals = res.body.items.filter((c) => c.customerCode === null);
    expect(globals.map((c) => c.name).sort()).toEqual(['Grafana', 'Graylog', 'InfluxDB', 'Portainer', 'Shuffle', 'Velociraptor', 'VirusTotal', 'Wazuh-Indexer', 'Wazuh-Manager']);
    expect(globals.every((c) => !c.configured && !c.passwordSet && c.verifyTls && c.tlsWarning === null)).toBe(true);
    // Every catalogue connector has a provider: each one can be verified.
    expect(globals.filter((c) => !c.supported).map((c) => c.name)).toEqual([]);
    expect(globals.find((c) => c.name === 'VirusTotal')?.url).toBe('https://www.virustotal.com/api/v3');
  });

  it('stores credentials encrypted and never returns or logs them, outbound calls included', async () => {
    const logs = captureNestLogs();
    let id: number;
    try {
      const created = await indexerFor('conn-a');
      expect(created.status).toBe(201);
      id = created.body.id;
      expect(created.body).toEqual(expect.objectContaining({ name: 'Wazuh-Indexer', customerCode: 'conn-a', passwordSet: true, apiKeySet: false, configured: true, verified: false }));
      const shuffle = await create({ name: 'Shuffle', customerCode: 'conn-a', url: 'https://shuffle.example:3443', apiKey: API_KEY });
      expect(shuffle.body).toEqual(expect.objectContaining({ apiKeySet: true, configured: true, supported: true }));
      expect((await verify(id)).body.connectionSuccessful).toBe(true);
      const replies = [created, shuffle, await get(id), await list(), await put(id, { username: 'admin' }), await verify(id)];
      for (const reply of replies) {
        expect(reply.text).not.toContain(PASSWORD);
        expect(reply.text).not.toContain(API_KEY);
        expect(reply.text).not.toMatch(/"(password|apiKey|passwordEnc|apiKeyEnc)"/);
      }
      const raw = await rawRow(id);
      expect(String(raw['password_enc'])).toMatch(/^v1:/);
      expect(JSON.stringify(await t.db.query('SELECT * FROM connectors'))).not.toMatch(new RegExp(`${PASSWORD}|${API_KEY}`));
      // The fake got the real credentials: they were decrypted for the call and only for it.
      const basic = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
      expect(fake.requests.some((r) => r.headers['authorization'] === basic)).toBe(true);
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/_cluster/health'))).toBe(true);
      expect(logs.text()).not.toContain(PASSWORD);
      expect(logs.text()).not.toContain(API_KEY);
      expect(logs.text()).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'));
    } finally {
      logs.restore();
    }
  });

  it('PUT keeps an omitted secret, clears one sent as null, and flags verifyTls=false', async () => {
    const { body: row } = await indexerFor('conn-b');
    const kept = await put(row.id, { username: 'admin', verifyTls: false });
    expect(kept.body).toEqual(expect.objectContaining({ passwordSet: true, configured: true, verifyTls: false }));
    expect(kept.body.tlsWarning).toMatch(/TLS certificate verification is off/);
    expect((await verify(row.id)).body.connectionSuccessful).toBe(true);
    const cleared = await put(row.id, { password: null, verifyTls: true });
    expect(cleared.body).toEqual(expect.objectContaining({ passwordSet: false, configured: false, verified: false, tlsWarning: null }));
    expect((await rawRow(row.id))['password_enc']).toBeNull();
    expect((await verify(row.id)).body).toEqual({ connectionSuccessful: false, message: 'Wazuh-Indexer: not configured: set password' });
    expectProblem(await t.request('PUT', `/api/connectors/${row.id}`, { token: admin, body: { username: 'x' }, headers: { 'if-match': '1' } }), 412);
    expect((await t.request('DELETE', `/api/connectors/${row.id}`, { token: admin })).status).toBe(204);
    expect((await get(row.id)).status).toBe(404);
  });

  it('refuses bad input with 400 naming the field, duplicates with 409, and deleting a global with 409', async () => {
    const base = { name: 'Graylog', customerCode: 'conn-b' };
    for (const url of ['ftp://graylog:21', 'graylog:9000', 'https://admin:pw@graylog:9000']) {
      expectProblem(await create({ ...base, url }), 400, 'url');
    }
    expectProblem(await create({ name: 'Graylog' }), 400, 'customerCode');
    expectProblem(await create({ ...base, customerCode: 'no-such-customer' }), 400, 'customerCode');
    expectProblem(await create({ ...base, name: 'Splunk' }), 400, 'name');
    expectProblem(await create({ ...base, extra: { PORTAINER_ENDPOINT_ID: '1' } }), 400, 'extra.PORTAINER_ENDPOINT_ID');
    expectProblem(await create({ ...base, password: '' }), 400, 'password');
    expect((await create(base)).status).toBe(201);
    expectProblem(await create(base), 409, 'name');
    expectProblem(await t.request('DELETE', `/api/connectors/${await globalId('Graylog')}`, { token: admin }), 409);
    expectProblem(await put(await globalId('Graylog'), { file: 'x' }), 400, 'file');
  });

  describe('verify', () => {
    let id: number;
    beforeAll(async () => {
      await t.createCustomer(admin, 'conn-v');
      id = (await indexerFor('conn-v')).body.id;
    });
    afterEach(async () => {
      await put(id, { url: fake.url, password: PASSWORD, caPem: fake.caPem });
    });

    const verifyAndRow = async (changes: Record<string, unknown>) => {
      if (Object.keys(changes).length) expect((await put(id, changes)).status).toBe(200);
      const res = await verify(id);
      expect(res.status).toBe(200);
      return { result: res.body, row: (await get(id)).body };
    };

    it('succeeds against the indexer over HTTPS with its CA, and records it without bumping the version', async () => {
      const before = (await get(id)).body.version;
      const { result, row } = await verifyAndRow({});
      expect(row.version).toBe(before);
      expect(result).toEqual({ connectionSuccessful: true, message: 'connected to OpenSearch cluster "wazuh-cluster" (status green, 1 node)' });
      expect(row).toEqual(expect.objectContaining({ verified: true, lastError: null, lastVerifiedAt: expect.any(String) }));
    });

    it.each([
      ['a wrong password', () => ({ password: 'wrong-password' }), /^wrong credentials: Wazuh-Indexer rejected the username or password \(HTTP 401\)$/],
      ['a self-signed certificate without its CA', () => ({ caPem: null }), /certificate signed by unknown authority \(set a CA file\)/],
      ['a link-local URL', () => ({ url: 'https://169.254.10.10:9200' }), /169\.254\.10\.10 is a link-local address; refused by the address policy/],
      ['the cloud-metadata address', () => ({ url: 'http://169.254.169.254' }), /169\.254\.169\.254 is a cloud-metadata address; refused by the address policy/],
    ])('answers 200 with a clear message for %s, kept in lastError', async (_label, changes, message) => {
      const { result, row } = await verifyAndRow(changes());
      expect(result.connectionSuccessful).toBe(false);
      expect(result.message).toMatch(message);
      expect(row).toEqual(expect.objectContaining({ verified: false, lastError: result.message, lastVerifiedAt: expect.any(String) }));
    });

    it('explains an unreachable port and an HTML answer', async () => {
      const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
      const deadUrl = gone.url;
      await gone.stop();
      const refused = await verifyAndRow({ url: deadUrl });
      expect(refused.result.message).toMatch(/^Wazuh-Indexer: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/);
      expect(refused.row.lastError).toBe(refused.result.message);
      await put(id, { url: fake.url });
      fake.injectFault({ kind: 'html' });
      const html = await verifyAndRow({});
      expect(html.result).toEqual({ connectionSuccessful: false, message: expect.stringContaining('expected JSON from Wazuh-Indexer, got text/html') });
    });

    it('says which settings an unconfigured connector still needs', async () => {
      expect((await verify(await globalId('Wazuh-Indexer'))).body).toEqual({
        connectionSuccessful: false,
        message: 'Wazuh-Indexer: not configured: set URL, username and password',
      });
    });
  });

  it('accepts a Velociraptor api-client file as JSON base64, size-limited and checked', async () => {
    const { body: velo } = await create({ name: 'Velociraptor', customerCode: 'conn-b' });
    expect(velo.configured).toBe(false);
    const upload = (fileName: string, content: string | Buffer) =>
      t.request<ConnectorBody>('POST', `/api/connectors/${velo.id}/file`, { token: admin, body: { fileName, contentBase64: Buffer.from(content).toString('base64') } });
    const ok = await upload('api.config.yaml', VELOCIRAPTOR_YAML);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ fileSet: true, fileName: 'api.config.yaml', configured: true }));
    expect(ok.text).not.toContain('PRIVATE KEY');
    expect(String((await rawRow(velo.id))['file_enc'])).not.toContain('PRIVATE KEY');
    expect(expectProblem(await upload('api.yaml', 'name: copilot\n'), 400, 'contentBase64').detail).toMatch(/missing api_connection_string or api_url, ca_certificate/);
    expectProblem(await upload('api.yaml', 'key: [unclosed'), 400, 'contentBase64');
    expectProblem(await upload('api.yaml', Buffer.alloc(256 * 1024 + 1, 0x61)), 413);
    expectProblem(await upload('../api.yaml', VELOCIRAPTOR_YAML), 400, 'fileName');
    expectProblem(await t.request('POST', `/api/connectors/${await globalId('Graylog')}/file`, { token: admin, body: { fileName: 'a.yaml', contentBase64: 'YQ==' } }), 400, 'fileName');
    const cleared = await put(velo.id, { file: null });
    expect(cleared.body).toEqual(expect.objectContaining({ fileSet: false, fileName: null, configured: false }));
  });

  it('shows a customer\'s own instance only to callers who can see that customer', async () => {
    const { body: own } = await create({ name: 'Grafana', customerCode: 'conn-a', url: 'http://grafana.conn-a.example:3000', apiKey: API_KEY });
    expect((await get(own.id, analystA)).status).toBe(200);
    expectProblem(await get(own.id, analystB), 404);
    expectProblem(await verify(own.id, analystB), 404);
    const seenByB = (await list(analystB)).body.items;
    expect(seenByB.some((c) => c.customerCode === 'conn-a')).toBe(false);
    expect(seenByB.filter((c) => c.customerCode === null)).toHaveLength(9);
    expect((await list(analystA)).body.items.some((c) => c.id === own.id)).toBe(true);
    expectProblem(await list(analystB, '&customerCode=conn-a'), 400, 'customerCode');
    expect((await get(await globalId('Graylog'), analystB)).status).toBe(200);
  });
});
