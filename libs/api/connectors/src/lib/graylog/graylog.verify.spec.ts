import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory, UpstreamAuthError } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
import { FakeGraylog } from '@copilot/testing-fakes';
import { GraylogClient } from './graylog.client';
import type { GraylogConfig } from './graylog.types';

const TOKEN = '1kq2v6l3r8ud1a0bq5m9c4n7p2e6s0h3t8w1y5z9';
const SYSTEM = { cluster: '3f1c2a8e-5b7d-4c9e-8a21-6d0f4b3e9c17', node: '9a7e54c1-0b2d-4f8e-a6c3-1e5d7b9f2a04' };

describe('GraylogClient.verify', () => {
  let fake: FakeGraylog;
  const clients: GraylogClient[] = [];

  const build = (overrides: Partial<GraylogConfig> = {}) => {
    const client = new GraylogClient(
      {
        url: fake.url,
        username: 'copilot',
        password: 'Gr4ylog!pass',
        caPem: fake.caPem,
        timeoutMs: 2_000,
        ...overrides,
      },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client;
  };
  const verify = (overrides: Partial<GraylogConfig> = {}) => build(overrides).verify();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeGraylog.start({
      tls: true,
      username: 'copilot',
      password: 'Gr4ylog!pass',
      users: [{ username: 'soc-reader', password: 'r3ader!', roles: ['Reader'] }],
      tokens: { [TOKEN]: 'soc-reader' },
    });
  });

  afterEach(() => {
    fake.clearFaults();
    fake.setVersion('6.1.4+9b04f4d');
    fake.setLifecycle('running', true);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it("succeeds against a healthy Graylog, naming version, cluster, node, lifecycle and the user's roles", async () => {
    expect(await verify()).toEqual({
      ok: true,
      message:
        `connected to Graylog 6.1.4+9b04f4d (cluster ${SYSTEM.cluster}, node ${SYSTEM.node}, lifecycle running); ` +
        'user "copilot" has roles Admin',
    });
    const sent = fake.requests.slice(-2);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/system', 'GET /api/authz/roles/user/copilot']);
    expect(sent.every((r) => r.headers['x-requested-by'] === 'CoPilot')).toBe(true);
  });

  it('accepts the API URL as well as the node URL', async () => {
    expect((await verify({ url: `${fake.url}/api/` })).ok).toBe(true);
    expect(fake.requests[fake.requests.length - 1].path).toBe('/api/authz/roles/user/copilot');
  });

  it('verifies an access token, finding its user without putting the token in any URL', async () => {
    for (const config of [{ token: TOKEN }, { username: TOKEN, password: 'token' }]) {
      fake.clearRequests();
      const result = await verify({ username: undefined, password: undefined, ...config });
      expect(result).toEqual({ ok: true, message: expect.stringContaining('user "soc-reader" has roles Reader') });
      expect(fake.requests.map((r) => r.path)).toEqual([
        '/api/system',
        '/api/system/sessions',
        '/api/authz/roles/user/soc-reader',
      ]);
      expect(fake.requests.some((r) => JSON.stringify(r.query).includes(TOKEN))).toBe(false);
    }
  });

  it('says wrong credentials for a wrong password, and for a wrong or revoked token', async () => {
    expect(await verify({ password: 'wrong' })).toEqual({
      ok: false,
      message: 'wrong credentials: Graylog rejected the username or password (HTTP 401)',
    });
    expect(await verify({ token: 'not-a-token' })).toEqual({
      ok: false,
      message: 'wrong credentials: Graylog rejected the access token (HTTP 401)',
    });
  });

  it('notices a password changed mid-session: calls then fail as wrong credentials', async () => {
    const client = build();
    expect((await client.streams()).length).toBeGreaterThan(0);
    fake.setPassword('copilot', 'rotated-by-someone');
    try {
      await expect(client.streams()).rejects.toBeInstanceOf(UpstreamAuthError);
      expect((await client.verify()).message).toBe(
        'wrong credentials: Graylog rejected the username or password (HTTP 401)',
      );
    } finally {
      fake.setPassword('copilot', 'Gr4ylog!pass');
    }
  });

  it('fails naming the roles step when the user may not read its roles', async () => {
    const forbidden = JSON.stringify({ type: 'ApiError', message: 'Not authorized to access resource id <copilot>' });
    fake.injectFault(
      { kind: 'status', status: 403, body: forbidden, contentType: 'application/json' },
      { path: /authz\/roles/ },
    );
    expect(await verify()).toEqual({
      ok: false,
      message:
        'connected to Graylog 6.1.4+9b04f4d, but reading the roles of user "copilot" failed: Graylog: access denied ' +
        '(HTTP 403 from GET /api/authz/roles/user/copilot): Not authorized to access resource id <copilot>',
    });
  });

  it.each([
    ['6.1.0-beta.2', ''],
    ['7.0.0-SNAPSHOT', ''],
    [
      '5.0.7+d4d1f5a',
      '; warning: Graylog 5.0.7+d4d1f5a is older than 6.0, which CoPilot expects; some calls may answer differently',
    ],
    ['nightly', '; warning: version "nightly" was not recognised; CoPilot expects Graylog 6.x'],
  ])('stays ok on version %s, warning when it is old or unknown', async (version, warning) => {
    fake.setVersion(version);
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.message.startsWith(`connected to Graylog ${version} (`)).toBe(true);
    expect(result.message.endsWith(`has roles Admin${warning}`)).toBe(true);
  });

  it('warns when the node is not processing messages', async () => {
    fake.setLifecycle('paused', false);
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.message).toContain(
      'lifecycle paused); user "copilot" has roles Admin; warning: the node is not processing messages',
    );
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    const result = await verify({ url });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^Graylog: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'Graylog: certificate signed by unknown authority (set a CA file)',
    );
    const wrongCa = await verify({ caPem: createTestPki({ caName: 'Someone else' }).caPem });
    expect(wrongCa).toEqual({
      ok: false,
      message: expect.stringContaining('certificate signed by unknown authority (set a CA file)'),
    });
  });

  it('explains an HTML page answered instead of JSON', async () => {
    fake.injectFault({ kind: 'html' });
    expect(await verify()).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Graylog: expected JSON from Graylog, got text\/html: <!DOCTYPE html><html><head><title>Sign in/,
      ),
    });
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' });
    expect((await verify()).message).toMatch(/^Graylog: invalid JSON from Graylog \(application\/json\): /);
  });

  it('explains JSON that is not a Graylog system overview', async () => {
    fake.injectFault({
      kind: 'status',
      status: 200,
      body: '{"status":"ok","version":"2.4"}',
      contentType: 'application/json',
    });
    expect((await verify()).message).toBe(
      'Graylog: unexpected answer to GET /api/system: the body has no "cluster_id" (is the URL a Graylog server?)',
    );
  });

  it('gives up on a slow Graylog at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Graylog: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/),
    });
  });

  it('says which upstream status a failing Graylog answered', async () => {
    const body = JSON.stringify({ type: 'ApiError', message: 'Elasticsearch cluster is unavailable' });
    fake.injectFault({ kind: 'status', status: 503, body, contentType: 'application/json' }, { times: 5 });
    expect(await verify()).toEqual({
      ok: false,
      message: 'Graylog: HTTP 503 from GET /api/system: Elasticsearch cluster is unavailable',
    });
  });

  it('refuses a link-local URL by the address policy, and a non-http URL as bad input', async () => {
    expect((await verify({ url: 'https://169.254.169.254:9000' })).message).toContain(
      '169.254.169.254 is a cloud-metadata address; refused by the address policy',
    );
    expect(
      () => new GraylogClient({ url: 'ftp://graylog:9000', username: 'a', password: 'b' }, new OutboundHttpFactory()),
    ).toThrow(BadInputError);
  });

  it('never logs the password or the token, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ password: 'Gr4ylog!pass-but-wrong' });
      await verify({ username: undefined, password: undefined, token: TOKEN });
      await build().pauseStream(FakeGraylog.ids.acmeStream);
      await build().resumeStream(FakeGraylog.ids.acmeStream);
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/system'))).toBe(true);
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/pause'))).toBe(true);
      const text = logs.text();
      for (const secret of [
        'Gr4ylog!pass',
        TOKEN,
        Buffer.from('copilot:Gr4ylog!pass').toString('base64'),
        Buffer.from(`${TOKEN}:token`).toString('base64'),
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      logs.restore();
    }
  });
});
