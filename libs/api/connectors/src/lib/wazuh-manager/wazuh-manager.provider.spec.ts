import { Logger } from '@nestjs/common';
import { CircuitBreakerRegistry, OutboundHttpFactory, ServiceUnavailableError } from '@copilot/api-core';
import { FakeWazuhManager } from '@copilot/testing-fakes';
import type { ConnectorSecrets, ConnectorSettings } from '../registry/connector-provider';
import type { ConnectorRegistry, UsableConnector } from '../registry/connector-registry';
import { WazuhManagerClientFactory, WazuhManagerProvider } from './wazuh-manager.provider';

describe('WazuhManagerProvider and WazuhManagerClientFactory', () => {
  let fake: FakeWazuhManager;
  let provider: WazuhManagerProvider;
  let settings: ConnectorSettings;
  const secrets: ConnectorSecrets = { password: 'Pr0vider!', apiKey: null, file: null };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeWazuhManager.start({ tls: true, password: 'Pr0vider!', seed: { agents: 3 } });
    provider = new WazuhManagerProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
    settings = {
      id: 7,
      name: 'Wazuh-Manager',
      customerCode: null,
      url: fake.url,
      username: 'wazuh-wui',
      verifyTls: true,
      caPem: fake.caPem ?? null,
      extra: {},
      allowLinkLocal: false,
    };
  });

  afterAll(() => fake.stop());

  it('verifies a connector row, and explains a bad URL instead of throwing', async () => {
    expect(provider.name).toBe('Wazuh-Manager');
    expect(await provider.verify(settings, secrets)).toMatchObject({ ok: true });
    expect(await provider.verify({ ...settings, url: 'ftp://wazuh:55000' }, secrets)).toEqual({
      ok: false,
      message: expect.stringContaining('must start with http:// or https://'),
    });
    expect(await provider.verify({ ...settings, caPem: null }, secrets)).toMatchObject({
      ok: false,
      message: expect.stringContaining('set a CA file'),
    });
  });

  it('caches one client (and so one token) per row until the row changes, and passes a 503 through', async () => {
    let usable: UsableConnector | null = { settings, secrets, fingerprint: '7:a' };
    const registry = {
      resolveUsable: async () => {
        if (!usable) throw new ServiceUnavailableError('Wazuh-Manager', 'not configured');
        return usable;
      },
    } as unknown as ConnectorRegistry;
    const factory = new WazuhManagerClientFactory(registry, provider);
    try {
      fake.clearRequests();
      const first = await factory.forCustomer('ACME');
      await first.listAgents();
      const again = await factory.forCustomer('ACME');
      await again.clusterStatus();
      expect(again).toBe(first);
      expect(fake.loginRequests).toHaveLength(1);

      usable = { settings, secrets, fingerprint: '7:b' };
      expect(await factory.forCustomer('ACME')).not.toBe(first);

      usable = null;
      await expect(factory.forCustomer('ACME')).rejects.toThrow('Wazuh-Manager: not configured');
    } finally {
      await factory.onApplicationShutdown();
    }
  });
});
