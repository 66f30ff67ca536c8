import { CircuitBreakerRegistry, OutboundHttpFactory, ServiceUnavailableError } from '@copilot/api-core';
import { FakeInfluxDB } from '@copilot/testing-fakes';
import type { ConnectorRegistry, UsableConnector } from '../registry/connector-registry';
import { InfluxDBClientFactory, InfluxDBProvider } from './influxdb.provider';

describe('InfluxDBProvider and InfluxDBClientFactory', () => {
  let fake: FakeInfluxDB;
  const provider = new InfluxDBProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
  const settings = (id: number, extra: Record<string, string>) => ({
    id,
    name: 'InfluxDB' as const,
    customerCode: null,
    url: fake.url,
    username: null,
    verifyTls: true,
    caPem: null,
    extra,
    allowLinkLocal: false,
  });
  const secrets = { password: null, apiKey: 'copilot-influx-token', file: null };

  beforeAll(async () => {
    fake = await FakeInfluxDB.start();
  });

  afterAll(() => fake.stop());

  it('reads the organization and bucket from INFLUXDB_ORG/INFLUXDB_BUCKET, or org/bucket', async () => {
    const fromEnvKeys = provider.createClient(
      settings(1, { INFLUXDB_ORG: 'SOCFortress', INFLUXDB_BUCKET: 'telegraf' }),
      secrets,
    );
    expect([fromEnvKeys.org, fromEnvKeys.bucket]).toEqual(['SOCFortress', 'telegraf']);
    const fromShortKeys = provider.createClient(settings(2, { org: 'SOCFortress', bucket: '_monitoring' }), secrets);
    expect([fromShortKeys.org, fromShortKeys.bucket]).toEqual(['SOCFortress', '_monitoring']);
    await Promise.all([fromEnvKeys.close(), fromShortKeys.close()]);
    expect(await provider.verify(settings(3, { INFLUXDB_ORG: 'SOCFortress' }), secrets)).toMatchObject({ ok: true });
    expect(await provider.verify({ ...settings(4, {}), url: 'gopher://x' }, secrets)).toEqual({
      ok: false,
      message: 'InfluxDB: URL must start with http:// or https:// (got gopher:)',
    });
  });

  it('caches a client per row until the row changes, and passes a missing connector on as 503', async () => {
    let usable: UsableConnector = { settings: settings(7, { INFLUXDB_ORG: 'SOCFortress' }), secrets, fingerprint: 'a' };
    const registry = {
      resolveUsable: async (name: string) => {
        if (name !== 'InfluxDB') throw new Error('wrong connector');
        return usable;
      },
    } as unknown as ConnectorRegistry;
    const factory = new InfluxDBClientFactory(registry, provider);
    const first = await factory.forCustomer('ACME');
    expect(await factory.forCustomer('ACME')).toBe(first);
    usable = { ...usable, fingerprint: 'b' };
    const second = await factory.forCustomer('ACME');
    expect(second).not.toBe(first);
    expect((await second.query('buckets()')).records.length).toBe(3);
    await factory.onApplicationShutdown();
    await first.close();
    const missing = new InfluxDBClientFactory(
      {
        resolveUsable: async () => Promise.reject(new ServiceUnavailableError('InfluxDB', 'not configured')),
      } as unknown as ConnectorRegistry,
      provider,
    );
    await expect(missing.forCustomer()).rejects.toThrow('InfluxDB: not configured');
  });
});
