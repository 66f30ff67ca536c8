import { Logger } from '@nestjs/common';
import { CircuitBreakerRegistry, OutboundHttpFactory, ServiceUnavailableError } from '@copilot/api-core';
import { FakeGraylog } from '@copilot/testing-fakes';
import type { ConnectorSecrets, ConnectorSettings } from '../registry/connector-provider';
import type { ConnectorRegistry, UsableConnector } from '../registry/connector-registry';
import { GraylogClientFactory, GraylogProvider } from './graylog.provider';

const TOKEN = '7h2k9m4p1r6t3w8y5a0c2e7g9j4l6n1q';

describe('GraylogProvider and GraylogClientFactory', () => {
  let fake: FakeGraylog;
  let provider: GraylogProvider;

  const settings = (overrides: Partial<ConnectorSettings> = {}): ConnectorSettings => ({
    id: 7,
    name: 'Graylog',
    customerCode: null,
    url: fake.url,
    username: 'copilot',
    verifyTls: true,
    caPem: fake.caPem ?? null,
    extra: {},
    allowLinkLocal: false,
    ...overrides,
  });
  const secrets = (overrides: Partial<ConnectorSecrets> = {}): ConnectorSecrets => ({
    password: 'Gr4ylog!pass',
    apiKey: null,
    file: null,
    ...overrides,
  });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeGraylog.start({
      tls: true,
      username: 'copilot',
      password: 'Gr4ylog!pass',
      tokens: { [TOKEN]: 'copilot' },
    });
    provider = new GraylogProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
  });

  afterAll(() => fake.stop());

  it('verifies a row with a username and password', async () => {
    expect(await provider.verify(settings(), secrets())).toMatchObject({
      ok: true,
      message: expect.stringContaining('user "copilot" has roles Admin'),
    });
  });

  it('uses a stored API key as a Graylog access token, whatever the username says', async () => {
    const result = await provider.verify(settings({ username: 'ignored' }), secrets({ password: null, apiKey: TOKEN }));
    expect(result.ok).toBe(true);
    expect(fake.requests[fake.requests.length - 1].headers['authorization']).toBe(
      `Basic ${Buffer.from(`${TOKEN}:token`).toString('base64')}`,
    );
  });

  it('explains a URL that is not http(s) instead of throwing', async () => {
    expect(await provider.verify(settings({ url: 'file:///etc/passwd' }), secrets())).toEqual({
      ok: false,
      message: 'Graylog: URL must start with http:// or https:// (got file:)',
    });
  });

  describe('client factory', () => {
    let usable: UsableConnector;
    let resolveError: Error | null;
    const registry = {
      resolveUsable: async (): Promise<UsableConnector> => {
        if (resolveError) throw resolveError;
        return usable;
      },
    } as unknown as ConnectorRegistry;

    beforeEach(() => {
      usable = { settings: settings(), secrets: secrets(), fingerprint: '7:a' };
      resolveError = null;
    });

    it('caches the client per row and rebuilds it when the row changes', async () => {
      const factory = new GraylogClientFactory(registry, provider);
      try {
        const first = await factory.forCustomer('ACME');
        expect(await factory.forCustomer('ACME')).toBe(first);
        expect((await first.system()).nodeId).toBe('9a7e54c1-0b2d-4f8e-a6c3-1e5d7b9f2a04');
        usable = { ...usable, fingerprint: '7:b' };
        expect(await factory.forCustomer('ACME')).not.toBe(first);
      } finally {
        await factory.onApplicationShutdown();
      }
    });

    it('answers 503 naming Graylog when no usable instance serves the customer', async () => {
      resolveError = new ServiceUnavailableError('Graylog', 'not configured');
      const factory = new GraylogClientFactory(registry, provider);
      await expect(factory.forCustomer('GLOBEX')).rejects.toThrow(
        new ServiceUnavailableError('Graylog', 'not configured'),
      );
    });
  });
});
