import { Logger } from '@nestjs/common';
import { CircuitBreakerRegistry, OutboundHttpFactory, UpstreamAuthError } from '@copilot/api-core';
import { FakeWazuhManager } from '@copilot/testing-fakes';
import { WazuhManagerClient } from './wazuh-manager.client';
import { DEFAULT_TOKEN_LIFETIME_MS, refreshMargin, tokenLifetime } from './wazuh-manager.token';

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"ES512","typ":"JWT"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.') + '.c2lnbmF0dXJl';

describe('Wazuh-Manager token lifetime', () => {
  it('counts the lifetime from our own receipt, so a manager clock that is off does not matter', () => {
    const skewed = jwt({ nbf: 1_000, exp: 1_900 });
    expect(tokenLifetime(skewed, 5_000_000)).toEqual({ expiresAt: 5_900_000, lifetimeMs: 900_000 });
  });

  it('falls back to the absolute exp, then to 900 s for opaque tokens', () => {
    expect(tokenLifetime(jwt({ exp: 2_000 }), 1_000_000)).toEqual({ expiresAt: 2_000_000, lifetimeMs: 1_000_000 });
    expect(tokenLifetime('opaque-token', 42)).toEqual({
      expiresAt: 42 + DEFAULT_TOKEN_LIFETIME_MS,
      lifetimeMs: 900_000,
    });
    expect(tokenLifetime('a.not-json.c', 0).lifetimeMs).toBe(900_000);
    expect(tokenLifetime(jwt({ exp: 'soon' }), 0).lifetimeMs).toBe(900_000);
  });

  it('renews a minute early for default tokens, a tenth early for short ones', () => {
    expect(refreshMargin(900_000)).toBe(60_000);
    expect(refreshMargin(10_000)).toBe(1_000);
  });
});

describe('WazuhManagerClient authentication', () => {
  let fake: FakeWazuhManager;
  let now: number;
  let client: WazuhManagerClient;

  const dataRequests = () => fake.requests.filter((r) => r.path !== '/security/user/authenticate');

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeWazuhManager.start({ tls: true, password: 'S3cure!', seed: { agents: 4 } });
  });

  beforeEach(() => {
    fake.clearRequests();
    fake.clearFaults();
    fake.setCredentials('wazuh-wui', 'S3cure!');
    now = Date.now();
    client = new WazuhManagerClient(
      { url: fake.url, username: 'wazuh-wui', password: 'S3cure!', caPem: fake.caPem, clock: () => now },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
  });

  afterEach(() => client.close());
  afterAll(() => fake.stop());

  it('logs in once with Basic and sends the JWT as Bearer on every call', async () => {
    await client.listAgents();
    await client.clusterStatus();
    await client.info();
    expect(fake.loginRequests).toHaveLength(1);
    expect(fake.loginRequests[0]).toMatchObject({ method: 'POST' });
    expect(fake.loginRequests[0].headers['authorization']).toMatch(/^Basic /);
    const token = fake.issuedTokens[fake.issuedTokens.length - 1];
    expect(dataRequests().map((r) => r.headers['authorization'])).toEqual(Array(3).fill(`Bearer ${token}`));
  });

  it('makes concurrent first calls share one login', async () => {
    await Promise.all([client.listAgents(), client.info(), client.clusterStatus(), client.listGroups(), client.info()]);
    expect(fake.loginRequests).toHaveLength(1);
    expect(dataRequests()).toHaveLength(5);
  });

  it('renews the token shortly before it expires, without waiting for a 401', async () => {
    await client.info();
    now += 839_000;
    await client.info();
    expect(fake.loginRequests).toHaveLength(1);
    now += 2_000; // inside the last minute of the 900 s token
    await client.info();
    expect(fake.loginRequests).toHaveLength(2);
    expect(dataRequests()).toHaveLength(3);
    const [, , third] = dataRequests();
    expect(third.headers['authorization']).toBe(`Bearer ${fake.issuedTokens[fake.issuedTokens.length - 1]}`);
  });

  it('drops a revoked token, logs in once more and retries the call', async () => {
    await client.info();
    fake.revokeTokens();
    expect((await client.clusterStatus()).enabled).toBe(true);
    expect(fake.loginRequests).toHaveLength(2);
    expect(dataRequests().map((r) => r.path)).toEqual(['/', '/cluster/status', '/cluster/status']);
  });

  it('recovers from a token the manager already considers expired', async () => {
    await client.info();
    fake.advanceClock(901_000);
    try {
      expect((await client.info()).apiVersion.raw).toBe('4.14.7');
    } finally {
      fake.advanceClock(-901_000);
    }
    expect(fake.loginRequests).toHaveLength(2);
  });

  it('makes concurrent calls that all hit a 401 share one new login', async () => {
    await client.info();
    fake.revokeTokens();
    // A slow login keeps it under way while every call's 401 comes back.
    fake.injectFault({ kind: 'delay', ms: 200 }, { path: '/security/user/authenticate' });
    await Promise.all([client.info(), client.listAgents(), client.clusterStatus(), client.listGroups()]);
    expect(fake.loginRequests).toHaveLength(2);
    expect(dataRequests()).toHaveLength(1 + 4 + 4);
  });

  it("does not throw away a new token when a slower call's 401 for the old one arrives later", async () => {
    await client.info();
    fake.revokeTokens();
    fake.injectFault({ kind: 'delay', ms: 300 }, { path: '/agents' });
    const slow = client.listAgents();
    await client.info(); // 401, new login, retried
    await slow; // its 401 (old token) arrives after the new login
    expect(fake.loginRequests).toHaveLength(2);
    const last = (path: string) =>
      dataRequests()
        .filter((r) => r.path === path)
        .at(-1)?.headers['authorization'];
    expect(last('/agents')).toBe(last('/'));
  });

  it('re-authenticates only once when the retried call is refused too', async () => {
    await client.info();
    fake.injectFault({ kind: 'unauthorized' }, { path: '/agents', times: 2 });
    const call = client.listAgents();
    await expect(call).rejects.toBeInstanceOf(UpstreamAuthError);
    await expect(call).rejects.toThrow(
      'Wazuh-Manager: token refused even after a fresh login (HTTP 401 from GET /agents): Unauthorized: Invalid token',
    );
    expect(fake.loginRequests).toHaveLength(2);
    expect(dataRequests().filter((r) => r.path === '/agents')).toHaveLength(2);
    // The refused token was dropped: the next call logs in afresh.
    await client.info();
    expect(fake.loginRequests).toHaveLength(3);
  });

  it('reports a password changed mid-session as wrong credentials, and does not cache the failure', async () => {
    await client.info();
    fake.setCredentials('wazuh-wui', 'rotated');
    fake.revokeTokens();
    const call = client.info();
    await expect(call).rejects.toBeInstanceOf(UpstreamAuthError);
    await expect(call).rejects.toThrow(
      'Wazuh-Manager: wrong credentials (HTTP 401 from POST /security/user/authenticate): Unauthorized: Invalid credentials',
    );
    expect(fake.loginRequests).toHaveLength(2);
    fake.setCredentials('wazuh-wui', 'S3cure!');
    expect((await client.info()).hostname).toBe('wazuh-manager');
    expect(fake.loginRequests).toHaveLength(3);
  });

  it('resends an action refused with 401 (the manager did not run it), exactly once', async () => {
    await client.info();
    fake.revokeTokens();
    const result = await client.runActiveResponse({ agents: ['001'], command: 'restart-wazuh' });
    expect(result.affected).toEqual(['001']);
    expect(fake.activeResponses).toHaveLength(1);
    expect(dataRequests().filter((r) => r.path === '/active-response')).toHaveLength(2);
  });

  it('does not re-login on a 403 (a permission problem, not a token problem)', async () => {
    await client.info();
    const denied = JSON.stringify({
      title: 'Permission Denied',
      detail: 'Permission denied: Resource type: *:*',
      error: 4000,
    });
    fake.injectFault({ kind: 'status', status: 403, body: denied, contentType: 'application/problem+json' });
    await expect(client.clusterStatus()).rejects.toThrow(
      'Wazuh-Manager: access denied (HTTP 403 from GET /cluster/status): Permission Denied: Permission denied: Resource type: *:*',
    );
    expect(fake.loginRequests).toHaveLength(1);
  });
});
