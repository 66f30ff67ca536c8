import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
// The fakes' index is wired by the lead; until then the fake is reached through its folder.
import { FakeWazuhManager } from '@copilot/testing-fakes';
import { WazuhManagerClient } from './wazuh-manager.client';
import type { WazuhManagerConfig } from './wazuh-manager.types';

const LOGIN = 'login (POST /security/user/authenticate) failed: ';

describe('WazuhManagerClient.verify', () => {
  let fake: FakeWazuhManager;
  const clients: WazuhManagerClient[] = [];

  const client = (overrides: Partial<WazuhManagerConfig> = {}) => {
    const built = new WazuhManagerClient(
      {
        url: fake.url,
        username: 'wazuh-wui',
        password: 'Wazuh-Pa55.word',
        caPem: fake.caPem,
        timeoutMs: 2_000,
        ...overrides,
      },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(built);
    return built;
  };
  const verify = (overrides: Partial<WazuhManagerConfig> = {}) => client(overrides).verify();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeWazuhManager.start({ tls: true, password: 'Wazuh-Pa55.word', maxLoginAttempts: 1_000 });
  });

  afterEach(() => {
    fake.clearFaults();
    fake.setApiVersion('4.14.7');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('logs in and reads the API info over HTTPS trusting only the configured CA', async () => {
    fake.clearRequests();
    expect(await verify()).toEqual({
      ok: true,
      message: 'connected to Wazuh API 4.14.7 on "wazuh-manager" as wazuh-wui (token valid for 900 s)',
    });
    expect(fake.url.startsWith('https://')).toBe(true);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /security/user/authenticate', 'GET /']);
    expect(fake.requests[0].headers['authorization']).toBe(
      `Basic ${Buffer.from('wazuh-wui:Wazuh-Pa55.word').toString('base64')}`,
    );
    expect(fake.requests[1].headers['authorization']).toBe(`Bearer ${fake.issuedTokens[fake.issuedTokens.length - 1]}`);
  });

  it('accepts odd version strings', async () => {
    fake.setApiVersion('v5.0.0-beta4');
    expect((await verify()).message).toContain('connected to Wazuh API v5.0.0-beta4');
    fake.setApiVersion('wazuh nightly');
    expect(await verify()).toMatchObject({ ok: true, message: expect.stringContaining('Wazuh API wazuh nightly') });
  });

  it('says wrong credentials for a wrong password', async () => {
    expect(await verify({ password: 'wrong' })).toEqual({
      ok: false,
      message:
        'wrong credentials: Wazuh-Manager rejected the username or password at POST /security/user/authenticate (HTTP 401)',
    });
  });

  it('says the address is blocked once the manager stops accepting logins', async () => {
    const strict = await FakeWazuhManager.start({ tls: true, password: 'right', maxLoginAttempts: 2, seed: false });
    try {
      const at = { url: strict.url, caPem: strict.caPem };
      await verify({ ...at, password: 'bad' });
      await verify({ ...at, password: 'bad' });
      const result = await verify({ ...at, password: 'right' });
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(
        /^Wazuh-Manager refused to log in \(HTTP 403 at POST \/security\/user\/authenticate\)/,
      );
      expect(result.message).toContain('Limit of login attempts reached');
    } finally {
      await strict.stop();
    }
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    const result = await verify({ url });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^login \(POST \/security\/user\/authenticate\) failed: Wazuh-Manager: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    const withoutCa = await verify({ caPem: undefined });
    expect(withoutCa).toEqual({
      ok: false,
      message: expect.stringContaining(
        `${LOGIN}Wazuh-Manager: certificate signed by unknown authority (set a CA file)`,
      ),
    });
    const wrongCa = await verify({ caPem: createTestPki({ caName: 'Someone else' }).caPem });
    expect(wrongCa.message).toContain('certificate signed by unknown authority (set a CA file)');
  });

  it('explains an HTML page answered instead of JSON, naming the step', async () => {
    fake.injectFault({ kind: 'html' }, { path: '/security/user/authenticate' });
    expect((await verify()).message).toMatch(
      /^login \(POST \/security\/user\/authenticate\) failed: Wazuh-Manager: expected JSON from Wazuh-Manager, got text\/html: <!DOCTYPE html>/,
    );
    fake.injectFault({ kind: 'html' }, { path: '/' });
    expect(await verify()).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^logged in, but GET \/ failed: Wazuh-Manager: expected JSON from Wazuh-Manager, got text\/html/,
      ),
    });
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^login \(POST \/security\/user\/authenticate\) failed: Wazuh-Manager: invalid JSON from Wazuh-Manager \(application\/json\): /,
    );
  });

  it('explains JSON that is not a Wazuh answer', async () => {
    const notWazuh = {
      kind: 'status',
      status: 200,
      body: '{"hello":"world"}',
      contentType: 'application/json',
    } as const;
    fake.injectFault(notWazuh, { path: '/security/user/authenticate' });
    expect((await verify()).message).toBe(
      `${LOGIN}Wazuh-Manager: unexpected answer to POST /security/user/authenticate: no data.token (is the URL the Wazuh server API, usually port 55000?)`,
    );
    fake.injectFault(notWazuh, { path: '/' });
    expect((await verify()).message).toBe(
      'logged in, but GET / failed: Wazuh-Manager: unexpected answer to GET /: no data.api_version (is the URL the Wazuh server API, usually port 55000?)',
    );
  });

  it('gives up on a slow manager at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^login \(POST \/security\/user\/authenticate\) failed: Wazuh-Manager: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/,
      ),
    });
  });

  it('says which upstream status a failing manager answered', async () => {
    fake.injectFault({ kind: 'status', status: 503, body: 'Service Unavailable' }, { times: 5 });
    expect((await verify()).message).toBe(
      `${LOGIN}Wazuh-Manager: HTTP 503 from POST /security/user/authenticate: Service Unavailable`,
    );
  });

  it('refuses a link-local URL by the address policy', async () => {
    const result = await verify({ url: 'https://169.254.169.254:55000' });
    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      `${LOGIN}Wazuh-Manager: 169.254.169.254 is a cloud-metadata address; refused by the address policy`,
    );
  });

  it('refuses a non-http URL as bad input when the client is built', () => {
    expect(() => client({ url: 'file:///etc/passwd' })).toThrow(BadInputError);
  });

  it('never logs the password or a token, even at debug level, retries after a 401 included', async () => {
    const logs = captureNestLogs();
    try {
      const used = client();
      expect((await used.verify()).ok).toBe(true);
      await used.listAgents({ limit: 3 });
      fake.revokeTokens();
      await used.clusterStatus();
      await verify({ password: 'Wazuh-Pa55.word-but-wrong' });
      const text = logs.text();
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/security/user/authenticate'))).toBe(
        true,
      );
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('token refused (HTTP 401)'))).toBe(
        true,
      );
      expect(text).not.toContain('Wazuh-Pa55.word');
      expect(text).not.toContain(Buffer.from('wazuh-wui:Wazuh-Pa55.word').toString('base64'));
      expect(fake.issuedTokens.length).toBeGreaterThan(1);
      for (const token of fake.issuedTokens) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(token.split('.')[2]);
      }
    } finally {
      logs.restore();
    }
  });
});
