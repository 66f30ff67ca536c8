import { Logger } from '@nestjs/common';
import { createTestPki, ScriptedHttpServer, type TestPki } from '@copilot/testing-fakes';
import { CircuitBreakerRegistry } from './circuit-breakers';
import { OutboundHttp } from './outbound-http';
import { UpstreamUnreachableError } from './outbound.errors';
import type { OutboundClientOptions } from './outbound.types';

describe('OutboundHttp over TLS (verification always on)', () => {
  let pki: TestPki;
  let otherPki: TestPki;
  let server: ScriptedHttpServer;
  const clients: OutboundHttp[] = [];

  const client = (options: Partial<OutboundClientOptions>) => {
    const built = new OutboundHttp(
      { connector: 'Secure', baseUrl: server.url, timeoutMs: 3_000, retry: { maxRetries: 0 }, ...options },
      { breakers: new CircuitBreakerRegistry() },
    );
    clients.push(built);
    return built;
  };

  // Keep the run's output readable; the logging tests capture every level themselves.
  beforeAll(() => Logger.overrideLogger(['error']));

  beforeAll(async () => {
    pki = createTestPki();
    otherPki = createTestPki({ caName: 'Unrelated CA' });
    server = await new ScriptedHttpServer(() => ({ status: 200, body: { secure: true } }), { tls: pki }).start();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });

  it('connects when the connector trusts the CA that signed the server certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await client({ caPem: pki.caPem }).request({ method: 'GET', path: '/' });
    expect(response.json()).toEqual({ secure: true });
  });

  it('refuses a certificate from an unknown authority and tells the operator to set a CA file', async () => {
    const call = client({}).request({ method: 'GET', path: '/' });
    await expect(call).rejects.toBeInstanceOf(UpstreamUnreachableError);
    await expect(call).rejects.toMatchObject({ reason: 'tls' });
    await expect(call).rejects.toThrow('Secure: certificate signed by unknown authority (set a CA file)');
  });

  it('refuses when the configured CA is not the one that signed the certificate', async () => {
    await expect(client({ caPem: otherPki.caPem }).request({ method: 'GET', path: '/' })).rejects.toThrow(
      'certificate signed by unknown authority (set a CA file)',
    );
  });

  it('refuses a trusted certificate issued for another host', async () => {
    const foreign = createTestPki({ dnsNames: ['indexer.other.example'], ipAddresses: ['10.9.9.9'] });
    const elsewhere = await new ScriptedHttpServer(() => ({ status: 200 }), { tls: foreign }).start();
    try {
      const call = new OutboundHttp(
        { connector: 'Secure', baseUrl: elsewhere.url, caPem: foreign.caPem, retry: { maxRetries: 0 } },
        { breakers: new CircuitBreakerRegistry() },
      );
      clients.push(call);
      await expect(call.request({ method: 'GET', path: '/' })).rejects.toThrow(
        /not valid for 127\.0\.0\.1:\d+ \(host name mismatch\)/,
      );
    } finally {
      await elsewhere.stop();
    }
  });

  it('explains https spoken to a plain-http port', async () => {
    const plain = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    try {
      const call = client({ baseUrl: plain.url.replace('http://', 'https://'), caPem: pki.caPem }).request({
        method: 'GET',
        path: '/',
      });
      await expect(call).rejects.toMatchObject({ reason: 'tls' });
      await expect(call).rejects.toThrow(
        /TLS handshake with 127\.0\.0\.1:\d+ failed \(does it speak HTTPS on this port\?\)/,
      );
    } finally {
      await plain.stop();
    }
  });
});
