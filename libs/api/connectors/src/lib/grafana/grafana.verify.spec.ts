import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
import { FakeGrafana } from '@copilot/testing-fakes';
import { GrafanaClient } from './grafana.client';
import type { GrafanaConfig } from './grafana.types';

const PASSWORD = 'Gr@fana-admin-pw';
const TOKEN = 'glsa_Z3JhZmFuYS1zZXJ2aWNlLWFjY291bnQ_0a1b2c3d';

describe('GrafanaClient.verify', () => {
  let fake: FakeGrafana;
  const clients: GrafanaClient[] = [];

  const verify = async (overrides: Partial<GrafanaConfig> = {}) => {
    const client = new GrafanaClient(
      { url: fake.url, username: 'admin', password: PASSWORD, caPem: fake.caPem, timeoutMs: 2_000, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeGrafana.start({ tls: true, password: PASSWORD });
    fake.addServiceAccountToken(TOKEN, 1, 'Viewer');
  });

  afterEach(() => {
    fake.clearFaults();
    fake.setVersion('11.3.1');
    fake.setDatabaseOk(true);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('succeeds with Basic auth and with a service-account token', async () => {
    expect(await verify()).toEqual({
      ok: true,
      message: 'connected to Grafana 11.3.1 (database ok); user "admin" accepted in organization "Main Org." (id 1)',
    });
    expect(await verify({ username: undefined, password: undefined, apiKey: TOKEN })).toEqual({
      ok: true,
      message:
        'connected to Grafana 11.3.1 (database ok); service-account token accepted in organization "Main Org." (id 1)',
    });
  });

  it('reads without creating or deleting anything', async () => {
    fake.clearRequests();
    await verify();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/health', 'GET /api/org']);
  });

  it('says Grafana is up but the credentials were refused, by auth kind', async () => {
    expect(await verify({ password: 'wrong' })).toEqual({
      ok: false,
      message:
        'Grafana 11.3.1 is up but the credentials were refused: wrong username or password (HTTP 401 from GET /api/org)',
    });
    expect(await verify({ apiKey: 'glsa_revoked' })).toEqual({
      ok: false,
      message:
        'Grafana 11.3.1 is up but the credentials were refused: the service-account token is invalid, expired or revoked (HTTP 401 from GET /api/org)',
    });
  });

  it('says when Grafana reports its database failing', async () => {
    fake.setDatabaseOk(false);
    expect(await verify()).toEqual({ ok: false, message: 'Grafana 11.3.1 is up but reports its database as failing' });
  });

  it('never chokes on an odd version string', async () => {
    for (const version of ['11.4.0-pre+security-01', 'v10.4.2', 'main-dev']) {
      fake.setVersion(version);
      expect((await verify()).message).toContain(`connected to Grafana ${version} (database ok)`);
    }
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    expect((await verify({ url })).message).toMatch(
      /^Grafana: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'Grafana: certificate signed by unknown authority (set a CA file)',
    );
    expect((await verify({ caPem: createTestPki({ caName: 'Elsewhere' }).caPem })).ok).toBe(false);
  });

  it('explains an HTML page, garbage JSON and JSON that is not Grafana', async () => {
    fake.injectFault({ kind: 'html' });
    expect((await verify()).message).toMatch(/^Grafana: expected JSON from Grafana, got text\/html: <!DOCTYPE html>/);
    fake.injectFault({ kind: 'garbage' });
    expect((await verify()).message).toMatch(/^Grafana: invalid JSON from Grafana \(application\/json\): /);
    fake.injectFault({ kind: 'status', status: 200, body: '{"status":"UP"}', contentType: 'application/json' });
    expect((await verify()).message).toBe(
      'Grafana: unexpected answer to GET /api/health: no database status (is the URL a Grafana server?)',
    );
  });

  it('gives up on a slow Grafana at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.message).toMatch(/^Grafana: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/);
  });

  it('reports a gateway error and a proxy that wants credentials for the health endpoint', async () => {
    fake.injectFault({ kind: 'status', status: 502, body: 'Bad Gateway' }, { times: 5 });
    expect((await verify()).message).toBe('Grafana: HTTP 502 from GET /api/health: Bad Gateway');
    fake.clearFaults();
    fake.injectFault({ kind: 'status', status: 503, body: 'upstream connect error' }, { times: 5 });
    expect((await verify()).message).toBe('Grafana: HTTP 503 from GET /api/health: upstream connect error');
    fake.clearFaults();
    fake.injectFault({ kind: 'unauthorized' }, { path: '/api/health' });
    expect((await verify()).message).toBe(
      'Grafana answered GET /api/health with HTTP 401: a proxy in front of it may require other credentials',
    );
  });

  it('refuses a link-local URL by the address policy and a non-http URL as bad input', async () => {
    expect((await verify({ url: 'http://[fe80::1]:3000' })).message).toContain(
      'fe80::1 is a link-local address; refused by the address policy',
    );
    expect(() => new GrafanaClient({ url: 'file:///etc/grafana/grafana.ini', username: 'a', password: 'b' })).toThrow(
      BadInputError,
    );
  });

  it('accepts a token pasted with a trailing newline and refuses credentials that cannot be sent', async () => {
    expect((await verify({ apiKey: `${TOKEN}\r\n` })).ok).toBe(true);
    expect(() => new GrafanaClient({ url: fake.url, username: 'ad:min', password: 'x' })).toThrow(
      'username: must not contain ":"',
    );
    expect(() => new GrafanaClient({ url: fake.url, apiKey: 'glsa_a\u0000b' })).toThrow(BadInputError);
  });

  it('never logs the password or the token, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ password: `${PASSWORD}-old` });
      await verify({ apiKey: TOKEN });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/org'))).toBe(true);
      for (const secret of [PASSWORD, TOKEN, Buffer.from(`admin:${PASSWORD}`).toString('base64')]) {
        expect(logs.text()).not.toContain(secret);
      }
    } finally {
      logs.restore();
    }
  });
});
