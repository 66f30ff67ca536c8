import { Logger } from '@nestjs/common';
import { ServiceUnavailableError } from '@copilot/api-core';
// The fake lives in the testing lib; its folder index is imported directly until the lib's index re-exports it.
import { FakeVelociraptor } from '@copilot/testing-fakes';
import type { ConnectorRegistry, UsableConnector } from '../registry/connector-registry';
import { checkCredentialFile } from '../registry/credential-file';
import type { ConnectorSecrets, ConnectorSettings } from '../registry/connector-provider';
import { VelociraptorClientFactory, VelociraptorProvider } from './velociraptor.provider';

describe('VelociraptorProvider and VelociraptorClientFactory', () => {
  let fake: FakeVelociraptor;
  const provider = new VelociraptorProvider();

  const settings = (overrides: Partial<ConnectorSettings> = {}): ConnectorSettings => ({
    id: 7,
    name: 'Velociraptor',
    customerCode: null,
    url: null,
    username: null,
    verifyTls: true,
    caPem: null,
    extra: {},
    allowLinkLocal: false,
    ...overrides,
  });
  const secrets = (file: string | null): ConnectorSecrets => ({ password: null, apiKey: null, file });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeVelociraptor.start();
  });

  afterAll(() => fake.stop());

  it('verifies a connector row whose file is the api-client YAML (as accepted by the upload check)', async () => {
    expect(provider.name).toBe('Velociraptor');
    expect(checkCredentialFile('Velociraptor', 'api.config.yaml', Buffer.from(fake.apiClientYaml())).content).toContain(
      'api_connection_string',
    );
    const outcome = await provider.verify(settings(), secrets(fake.apiClientYaml()));
    expect(outcome).toEqual({
      ok: true,
      message: expect.stringContaining('connected to Velociraptor server "velociraptor-fake"'),
    });
  });

  it('explains a row without a usable file, and a refused URL override, without throwing', async () => {
    expect(await provider.verify(settings(), secrets(null))).toEqual({
      ok: false,
      message: 'Velociraptor: not configured: upload an api-client file',
    });
    expect((await provider.verify(settings(), secrets('<html>login</html>'))).message).toBe(
      'Velociraptor: the api-client file is not usable: not a YAML mapping',
    );
    const refused = await provider.verify(settings({ url: 'https://[fe80::1]:8001' }), secrets(fake.apiClientYaml()));
    expect(refused.message).toContain('fe80::1 is a link-local address; refused by the address policy');
    const allowed = await provider.verify(
      settings({ url: `127.0.0.1:${fake.port}`, allowLinkLocal: true }),
      secrets(fake.apiClientYaml({ address: '169.254.169.254:8001' })),
    );
    expect(allowed.ok).toBe(true);
  });

  it('hands out one cached client per row, rebuilt when the row changes; 503 when absent or unusable', async () => {
    let usable: UsableConnector = { settings: settings(), secrets: secrets(fake.apiClientYaml()), fingerprint: '7:a' };
    const registry = {
      resolveUsable: jest.fn(async (_name: string, code?: string | null) => {
        if (code === 'NOPE') throw new ServiceUnavailableError('Velociraptor', 'not configured');
        return usable;
      }),
    } as unknown as ConnectorRegistry;
    const factory = new VelociraptorClientFactory(registry, provider);
    try {
      const first = await factory.forCustomer('ACME');
      expect(await factory.forCustomer('ACME')).toBe(first);
      expect((await first.info()).hostname).toBe('velociraptor-fake');
      usable = { ...usable, fingerprint: '7:b' };
      const second = await factory.forCustomer('ACME');
      expect(second).not.toBe(first);
      await expect(factory.forCustomer('NOPE')).rejects.toThrow('Velociraptor: not configured');
      usable = { ...usable, secrets: secrets('name: x\n'), fingerprint: '7:c' };
      const unusable = factory.forCustomer('ACME');
      await expect(unusable).rejects.toThrow(ServiceUnavailableError);
      await expect(factory.forCustomer('ACME')).rejects.toThrow(
        'Velociraptor: the api-client file is not usable: missing ca_certificate, client_cert, client_private_key, api_connection_string',
      );
    } finally {
      await factory.onApplicationShutdown();
    }
  });
});
