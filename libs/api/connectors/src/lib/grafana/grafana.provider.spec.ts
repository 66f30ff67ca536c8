import { CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { FakeGrafana } from '@copilot/testing-fakes';
import type { ConnectorRegistry, UsableConnector } from '../registry/connector-registry';
import { GrafanaClientFactory, GrafanaProvider } from './grafana.provider';

describe('GrafanaProvider and GrafanaClientFactory', () => {
  let fake: FakeGrafana;
  const provider = new GrafanaProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
  const settings = (id: number) => ({
    id,
    name: 'Grafana' as const,
    customerCode: null,
    url: fake.url,
    username: 'admin',
    verifyTls: true,
    caPem: null,
    extra: {},
    allowLinkLocal: false,
  });

  beforeAll(async () => {
    fake = await FakeGrafana.start();
    fake.addServiceAccountToken('glsa_provider', 1, 'Viewer');
  });

  afterAll(() => fake.stop());

  it('builds a token client when the API key is set, else a Basic one, and verifies', async () => {
    const basic = provider.createClient(settings(1), { password: 'admin', apiKey: null, file: null });
    const bearer = provider.createClient(settings(2), { password: 'admin', apiKey: 'glsa_provider', file: null });
    expect([basic.auth, bearer.auth]).toEqual(['basic', 'token']);
    await Promise.all([basic.close(), bearer.close()]);
    expect(await provider.verify(settings(3), { password: 'admin', apiKey: null, file: null })).toMatchObject({
      ok: true,
    });
    expect(
      await provider.verify(
        { ...settings(4), url: 'javascript:alert(1)' },
        { password: 'a', apiKey: null, file: null },
      ),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('URL must start with http:// or https://'),
    });
  });

  it('caches a client per row until the row changes', async () => {
    let usable: UsableConnector = {
      settings: settings(9),
      secrets: { password: 'admin', apiKey: null, file: null },
      fingerprint: '1',
    };
    const factory = new GrafanaClientFactory(
      { resolveUsable: async () => usable } as unknown as ConnectorRegistry,
      provider,
    );
    const first = await factory.forCustomer('ACME');
    expect(await factory.forCustomer('ACME')).toBe(first);
    usable = { ...usable, fingerprint: '2' };
    const second = await factory.forCustomer('ACME');
    expect(second).not.toBe(first);
    expect((await second.currentOrg()).name).toBe('Main Org.');
    await factory.onApplicationShutdown();
    await first.close();
  });
});
