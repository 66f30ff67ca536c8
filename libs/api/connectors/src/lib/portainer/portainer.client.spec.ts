import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  ConflictError,
  NotFoundError,
  OutboundHttpFactory,
  UpstreamAuthError,
  UpstreamHttpError,
} from '@copilot/api-core';
import { createTestPki, type TestPki } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { FakePortainer } from '@copilot/testing-fakes';
import { PortainerClient } from './portainer.client';
import { jwtExpiry } from './portainer.session';
import type { PortainerConfig } from './portainer.types';

const PASSWORD = 'Portainer-S3cret!';
const TOKEN = 'ptr_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd=';
const COMPOSE = 'services:\n  shipper:\n    image: graylog/sidecar:1.5\n';

describe('PortainerClient against FakePortainer over HTTPS', () => {
  let fake: FakePortainer;
  const clients: PortainerClient[] = [];
  const build = (overrides: Partial<PortainerConfig> = {}) => {
    const client = new PortainerClient(
      {
        url: fake.url,
        username: 'admin',
        password: PASSWORD,
        caPem: fake.caPem,
        endpointId: 1,
        timeoutMs: 2_000,
        ...overrides,
      },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client;
  };
  const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path);
  // One CA for the suite: a fresh fake per test keeps state apart, a fresh PKI per test would only cost time.
  let pki: TestPki;

  beforeAll(() => {
    Logger.overrideLogger(['error']);
    pki = createTestPki();
  });

  beforeEach(async () => {
    fake = await FakePortainer.start({ tls: pki, password: PASSWORD, accessTokens: [TOKEN] });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await fake.stop();
  });

  describe('authentication', () => {
    it('logs in once and reuses the JWT until near its expiry, also for concurrent callers', async () => {
      const client = build();
      await Promise.all([client.stacks(), client.endpoints(), client.stacks(), client.stack(5)]);
      await client.stacks();
      expect(fake.loginCount()).toBe(1);
      expect(JSON.parse(requestsTo('/api/auth')[0].body)).toEqual({ username: 'admin', password: PASSWORD });
      const sent = String(requestsTo('/api/stacks')[0].headers['authorization']);
      expect(sent).toMatch(/^Bearer eyJ/);
      expect(jwtExpiry(sent.slice(7))).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    });

    it('renews the token before it expires, without waiting for a 401', async () => {
      await fake.stop();
      fake = await FakePortainer.start({ tls: pki, password: PASSWORD, tokenTtlSeconds: 2 });
      const client = build({ refreshSkewMs: 1_500 });
      await client.stacks();
      await client.stacks();
      expect(fake.loginCount()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await client.stacks();
      expect(fake.loginCount()).toBe(2);
      expect(requestsTo('/api/stacks')).toHaveLength(3);
    });

    it('logs in again once when Portainer refuses the cached token mid-session', async () => {
      const client = build();
      await client.stacks();
      fake.revokeSessions();
      expect((await client.stacks()).length).toBe(2);
      expect(fake.loginCount()).toBe(2);
      expect(requestsTo('/api/stacks')).toHaveLength(3);
    });

    it('gives up after one re-login when the fresh token is refused too', async () => {
      const client = build();
      await client.stacks();
      fake.injectFault({ kind: 'unauthorized' }, { path: '/api/stacks', times: 2 });
      await expect(client.stacks()).rejects.toBeInstanceOf(UpstreamAuthError);
      expect(fake.loginCount()).toBe(2);
    });

    it('reports wrong credentials when the password changed mid-session', async () => {
      const client = build();
      await client.stacks();
      fake.setPassword('rotated-password');
      await expect(client.stacks()).rejects.toThrow(
        'Portainer: wrong credentials (HTTP 422 from POST /api/auth: Invalid credentials: Unauthorized)',
      );
    });

    it('sends an access token as X-API-Key and never logs in', async () => {
      const client = build({ apiKey: TOKEN, password: undefined });
      await client.stacks();
      expect(fake.loginCount()).toBe(0);
      expect(requestsTo('/api/stacks')[0].headers['x-api-key']).toBe(TOKEN);
      expect(requestsTo('/api/stacks')[0].headers['authorization']).toBeUndefined();
    });
  });

  it('reads the version and never chokes on an odd version string', async () => {
    const client = build();
    expect((await client.status()).version).toMatchObject({ raw: '2.21.4', major: 2, minor: 21, patch: 4 });
    fake.setVersion('2.27.0-rc.1');
    expect((await client.status()).version).toMatchObject({ major: 2, minor: 27, patch: 0, suffix: 'rc.1' });
    fake.setVersion('develop');
    expect((await client.status()).version).toEqual({
      raw: 'develop',
      major: null,
      minor: null,
      patch: null,
      suffix: 'develop',
    });
  });

  it('lists environments and finds one by id', async () => {
    const client = build();
    expect(await client.endpoints()).toEqual([
      { id: 1, name: 'local', type: 1, url: 'unix:///var/run/docker.sock', groupId: 1, status: 'up' },
      { id: 3, name: 'acme-collector', type: 2, url: 'tcp://10.20.0.15:9001', groupId: 2, status: 'down' },
    ]);
    expect((await client.endpoint(3))?.name).toBe('acme-collector');
    expect(await client.endpoint(42)).toBeNull();
  });

  it('lists stacks, optionally of one environment', async () => {
    const client = build();
    const stacks = await client.stacks();
    expect(stacks.map((s) => [s.id, s.name, s.type, s.status])).toEqual([
      [5, 'graylog-acme', 'compose', 'active'],
      [6, 'wazuh-worker-globex', 'compose', 'inactive'],
    ]);
    expect(stacks[0]).toMatchObject({ endpointId: 1, createdBy: 'admin', createdAt: '2024-04-24T23:06:40.000Z' });
    expect(await client.stacks({ endpointId: 3 })).toEqual([]);
    expect(requestsTo('/api/stacks').at(-1)?.query).toEqual({ filters: '{"EndpointID":3}' });
  });

  it('creates a stack from compose text in the configured environment', async () => {
    const client = build();
    const stack = await client.createStack({ name: 'Shipper-ACME', composeFile: COMPOSE, env: { GELF_PORT: '12201' } });
    expect(stack).toMatchObject({ id: 7, name: 'shipper-acme', status: 'active', endpointId: 1 });
    expect(stack.env).toEqual([{ name: 'GELF_PORT', value: '12201' }]);
    const sent = requestsTo('/api/stacks/create/standalone/string')[0];
    expect(sent.query).toEqual({ endpointId: '1' });
    expect(JSON.parse(sent.body)).toEqual({
      name: 'shipper-acme',
      stackFileContent: COMPOSE,
      env: [{ name: 'GELF_PORT', value: '12201' }],
      fromAppTemplate: false,
    });
    expect(fake.stack(7)?.StackFileContent).toBe(COMPOSE);
  });

  it('answers 409 for a duplicate name and 400 for bad input, the latter before any request', async () => {
    const client = build();
    await expect(client.createStack({ name: 'graylog-acme', composeFile: COMPOSE })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const before = fake.requests.length;
    await expect(client.createStack({ name: '../etc', composeFile: COMPOSE })).rejects.toBeInstanceOf(BadInputError);
    await expect(client.createStack({ name: 'ok', composeFile: ' ' })).rejects.toThrow('composeFile must not be empty');
    await expect(
      client.createStack({ name: 'ok', composeFile: COMPOSE, env: [{ name: 'A B', value: '1' }] }),
    ).rejects.toThrow('invalid environment variable "A B"');
    await expect(build({ endpointId: undefined }).createStack({ name: 'ok', composeFile: COMPOSE })).rejects.toThrow(
      'no environment given: pass endpointId or set PORTAINER_ENDPOINT_ID',
    );
    expect(fake.requests.length).toBe(before);
  });

  it('never retries a create (it could deploy twice)', async () => {
    const client = build();
    await client.stacks();
    fake.failNext(1, 502);
    await expect(client.createStack({ name: 'once', composeFile: COMPOSE })).rejects.toBeInstanceOf(UpstreamHttpError);
    expect(requestsTo('/api/stacks/create/standalone/string')).toHaveLength(1);
  });

  it('stops and starts a stack, refusing to repeat a state change', async () => {
    const client = build();
    expect((await client.stopStack(5)).status).toBe('inactive');
    await expect(client.stopStack(5)).rejects.toThrow('Portainer: stack 5: Stack is already inactive');
    await expect(client.stopStack(5)).rejects.toBeInstanceOf(ConflictError);
    expect((await client.startStack(5, 1)).status).toBe('active');
    expect(requestsTo('/api/stacks/5/start')[0].query).toEqual({ endpointId: '1' });
    await expect(client.startStack(99)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes a stack, and says false for one already gone', async () => {
    const client = build();
    expect(await client.deleteStack(6)).toBe(true);
    expect(fake.stack(6)).toBeUndefined();
    expect(await client.deleteStack(6)).toBe(false);
    expect(await client.stack(6)).toBeNull();
    await expect(client.deleteStack(5, 42)).rejects.toThrow('Unable to find an environment');
  });
});
