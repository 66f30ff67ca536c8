import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, FakeOpenSearch, ScriptedHttpServer } from '@copilot/testing-fakes';
import { WazuhIndexerClient } from './wazuh-indexer.client';
import type { WazuhIndexerConfig } from './wazuh-indexer.types';

describe('WazuhIndexerClient.verify', () => {
  let fake: FakeOpenSearch;
  const clients: WazuhIndexerClient[] = [];

  const verify = async (overrides: Partial<WazuhIndexerConfig> = {}) => {
    const client = new WazuhIndexerClient(
      {
        url: fake.url,
        username: 'admin',
        password: 'correct-horse',
        caPem: fake.caPem,
        timeoutMs: 2_000,
        ...overrides,
      },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeOpenSearch.start({ tls: true, password: 'correct-horse' });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('succeeds against a healthy indexer', async () => {
    expect(await verify()).toEqual({
      ok: true,
      message: 'connected to OpenSearch cluster "wazuh-cluster" (status green, 1 node)',
    });
  });

  it('says wrong credentials for a wrong password', async () => {
    expect(await verify({ password: 'wrong' })).toEqual({
      ok: false,
      message: 'wrong credentials: Wazuh-Indexer rejected the username or password (HTTP 401)',
    });
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    const result = await verify({ url });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^Wazuh-Indexer: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    const withoutCa = await verify({ caPem: undefined });
    expect(withoutCa.ok).toBe(false);
    expect(withoutCa.message).toContain('Wazuh-Indexer: certificate signed by unknown authority (set a CA file)');
    const wrongCa = await verify({ caPem: createTestPki({ caName: 'Someone else' }).caPem });
    expect(wrongCa.message).toContain('certificate signed by unknown authority (set a CA file)');
  });

  it('explains an HTML page answered instead of JSON', async () => {
    fake.injectFault({ kind: 'html' });
    expect(await verify()).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Wazuh-Indexer: expected JSON from Wazuh-Indexer, got text\/html: <!DOCTYPE html><html><head><title>Sign in/,
      ),
    });
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Wazuh-Indexer: invalid JSON from Wazuh-Indexer \(application\/json\): /);
  });

  it('explains JSON that is not an OpenSearch health answer', async () => {
    fake.injectFault({ kind: 'status', status: 200, body: '{"hello":"world"}', contentType: 'application/json' });
    expect((await verify()).message).toBe(
      'Wazuh-Indexer: unexpected answer to GET /_cluster/health: no cluster_name/status (is the URL an OpenSearch node?)',
    );
  });

  it('gives up on a slow indexer at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Wazuh-Indexer: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/),
    });
  });

  it('says which upstream status a failing indexer answered', async () => {
    fake.injectFault({ kind: 'status', status: 503, body: 'cluster_manager_not_discovered_exception' }, { times: 5 });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'Wazuh-Indexer: HTTP 503 from GET /_cluster/health: cluster_manager_not_discovered_exception',
    );
  });

  it('refuses a link-local URL by the address policy', async () => {
    const result = await verify({ url: 'https://169.254.169.254:9200' });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('169.254.169.254 is a cloud-metadata address; refused by the address policy');
  });

  it('refuses a non-http URL as bad input when the client is built', () => {
    expect(
      () =>
        new WazuhIndexerClient({ url: 'file:///etc/passwd', username: 'a', password: 'b' }, new OutboundHttpFactory()),
    ).toThrow(BadInputError);
  });

  it('never logs the password, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ password: 'correct-horse-but-wrong' });
      expect(logs.entries.some((entry) => entry.level === 'debug' && entry.message.includes('/_cluster/health'))).toBe(
        true,
      );
      expect(logs.text()).not.toContain('correct-horse');
      expect(logs.text()).not.toContain(Buffer.from('admin:correct-horse').toString('base64'));
    } finally {
      logs.restore();
    }
  });
});
