import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { FakePortainer } from '@copilot/testing-fakes';
import { PortainerClient } from './portainer.client';
import { PortainerProvider } from './portainer.provider';
import type { PortainerConfig } from './portainer.types';

const PASSWORD = 'Portainer-S3cret!';
const TOKEN = 'ptr_q9mV1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz=';

describe('PortainerClient.verify', () => {
  let fake: FakePortainer;
  const clients: PortainerClient[] = [];

  const verify = async (overrides: Partial<PortainerConfig> = {}) => {
    const client = new PortainerClient(
      { url: fake.url, username: 'admin', password: PASSWORD, caPem: fake.caPem, timeoutMs: 2_000, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakePortainer.start({ tls: true, password: PASSWORD, accessTokens: [TOKEN] });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('logs in, lists environments and reports the version', async () => {
    expect(await verify()).toEqual({ ok: true, message: 'connected to Portainer 2.21.4: logged in, 2 environments' });
  });

  it('checks the configured environment exists, and says when it is down', async () => {
    expect(await verify({ endpointId: 1 })).toEqual({
      ok: true,
      message: 'connected to Portainer 2.21.4: logged in, 2 environments; environment 1 "local" is up',
    });
    expect((await verify({ endpointId: 3 })).message).toContain(
      'environment 3 "acme-collector" is down; stack calls to it fail until it is back up',
    );
    expect(await verify({ endpointId: 9 })).toEqual({
      ok: false,
      message:
        'Portainer: environment 9 (PORTAINER_ENDPOINT_ID) does not exist or is not visible to this user; known: 1 "local", 3 "acme-collector"',
    });
  });

  it('takes the environment from the connector row and refuses one that is not a number', async () => {
    const provider = new PortainerProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
    const settings = {
      id: 1,
      name: 'Portainer' as const,
      customerCode: null,
      url: fake.url,
      username: 'admin',
      verifyTls: true,
      caPem: fake.caPem ?? null,
      extra: { PORTAINER_ENDPOINT_ID: '1' },
      allowLinkLocal: false,
    };
    const secrets = { password: PASSWORD, apiKey: null, file: null };
    expect((await provider.verify(settings, secrets)).message).toContain('environment 1 "local" is up');
    expect(await provider.verify({ ...settings, extra: { PORTAINER_ENDPOINT_ID: 'one' } }, secrets)).toEqual({
      ok: false,
      message: 'Portainer: PORTAINER_ENDPOINT_ID must be a positive integer (got "one")',
    });
  });

  it('says wrong credentials for a wrong password (Portainer answers 422)', async () => {
    expect(await verify({ password: 'wrong' })).toEqual({
      ok: false,
      message: 'wrong credentials: Portainer rejected the username or password (HTTP 422)',
    });
  });

  it('uses an access token instead of a login, and says when it is wrong', async () => {
    expect((await verify({ apiKey: TOKEN, password: undefined })).message).toBe(
      'connected to Portainer 2.21.4: access token accepted, 2 environments',
    );
    expect(await verify({ apiKey: 'ptr_revoked', password: undefined })).toEqual({
      ok: false,
      message: 'wrong credentials: Portainer rejected the access token (HTTP 401)',
    });
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    expect((await verify({ url })).message).toMatch(
      /^Portainer: connection refused by 127\.0\.0\.1:\d+ \(is the service/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'Portainer: certificate signed by unknown authority (set a CA file)',
    );
    expect((await verify({ caPem: createTestPki({ caName: 'Other CA' }).caPem })).message).toContain(
      'certificate signed by unknown authority (set a CA file)',
    );
  });

  it('explains an HTML page answered instead of JSON', async () => {
    fake.injectFault({ kind: 'html' });
    expect((await verify()).message).toMatch(
      /^Portainer: expected JSON from Portainer, got text\/html: <!DOCTYPE html>/,
    );
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' }, { path: '/api/endpoints' });
    expect((await verify()).message).toMatch(/^Portainer: invalid JSON from Portainer \(application\/json\): /);
  });

  it('explains JSON that is not a Portainer answer', async () => {
    fake.injectFault({ kind: 'status', status: 200, body: '{"token":"x"}', contentType: 'application/json' });
    expect((await verify()).message).toBe(
      'Portainer: unexpected answer to POST /api/auth: no jwt (is the URL a Portainer server?)',
    );
  });

  it('gives up on a slow Portainer at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.message).toMatch(/^Portainer: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/);
  });

  it('says which status a failing Portainer answered', async () => {
    fake.injectFault(
      {
        kind: 'status',
        status: 500,
        body: '{"message":"Unable to retrieve environments"}',
        contentType: 'application/json',
      },
      { path: '/api/endpoints', times: 5 },
    );
    expect((await verify()).message).toBe(
      'Portainer: HTTP 500 from GET /api/endpoints: Unable to retrieve environments',
    );
  });

  it('refuses a link-local URL and a non-http URL', async () => {
    expect((await verify({ url: 'http://169.254.169.254:9000' })).message).toContain('refused by the address policy');
    expect(() => new PortainerClient({ url: 'file:///etc/passwd' })).toThrow(BadInputError);
  });

  it('never logs the password, the session token or the access token, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ password: `${PASSWORD}x` });
      await verify({ apiKey: TOKEN });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/auth'))).toBe(true);
      const text = logs.text();
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
    } finally {
      logs.restore();
    }
  });
});
