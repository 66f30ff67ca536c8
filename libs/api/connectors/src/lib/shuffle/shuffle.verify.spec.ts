import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { FakeShuffle } from '@copilot/testing-fakes';
import { ShuffleClient } from './shuffle.client';
import type { ShuffleConfig } from './shuffle.types';

const KEY = '0d6f3c2b-8a1e-4b7f-9c5d-4e2a1b3c5d7f';

describe('ShuffleClient.verify', () => {
  let fake: FakeShuffle;
  const clients: ShuffleClient[] = [];

  const verify = async (overrides: Partial<ShuffleConfig> = {}) => {
    const client = new ShuffleClient(
      { url: fake.url, apiKey: KEY, caPem: fake.caPem, timeoutMs: 2_000, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeShuffle.start({ tls: true, apiKey: KEY });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('succeeds against a healthy Shuffle with a valid key, sending it as a Bearer token', async () => {
    expect(await verify()).toEqual({
      ok: true,
      message: 'connected to Shuffle: API key accepted (1 app authentication visible)',
    });
    const last = fake.requests[fake.requests.length - 1];
    expect(last.path).toBe('/api/v1/apps/authentication');
    expect(last.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('tolerates a URL pasted with the /api/v1 suffix', async () => {
    expect((await verify({ url: `${fake.url}/api/v1/` })).ok).toBe(true);
    expect(fake.requests[fake.requests.length - 1].path).toBe('/api/v1/apps/authentication');
  });

  it('says wrong credentials for a wrong key', async () => {
    expect(await verify({ apiKey: 'not-the-key' })).toEqual({
      ok: false,
      message: 'wrong credentials: Shuffle rejected the API key (HTTP 401)',
    });
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = gone.url;
    await gone.stop();
    const result = await verify({ url });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Shuffle: connection refused by 127\.0\.0\.1:\d+ \(is the service running/);
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'Shuffle: certificate signed by unknown authority (set a CA file)',
    );
    expect((await verify({ caPem: createTestPki({ caName: 'Other CA' }).caPem })).message).toContain(
      'certificate signed by unknown authority (set a CA file)',
    );
  });

  it('explains an HTML page answered instead of JSON', async () => {
    fake.injectFault({ kind: 'html' });
    expect((await verify()).message).toMatch(
      /^Shuffle: expected JSON from Shuffle, got text\/html: <!DOCTYPE html><html><head><title>Sign in/,
    );
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' });
    expect((await verify()).message).toMatch(/^Shuffle: invalid JSON from Shuffle \(application\/json\): /);
  });

  it('explains JSON that is not a Shuffle answer', async () => {
    fake.injectFault({ kind: 'status', status: 200, body: '{"hello":"world"}', contentType: 'application/json' });
    expect((await verify()).message).toBe(
      'Shuffle: unexpected answer to GET /api/v1/apps/authentication: no success flag (is the URL a Shuffle backend?)',
    );
  });

  it('gives up on a slow Shuffle at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Shuffle: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/),
    });
  });

  it('says which status a failing Shuffle answered', async () => {
    fake.injectFault({ kind: 'status', status: 502, body: 'Bad Gateway' }, { times: 5 });
    expect((await verify()).message).toBe('Shuffle: HTTP 502 from GET /api/v1/apps/authentication: Bad Gateway');
  });

  it('refuses a link-local URL by the address policy', async () => {
    expect((await verify({ url: 'http://169.254.169.254' })).message).toContain(
      '169.254.169.254 is a cloud-metadata address; refused by the address policy',
    );
  });

  it('refuses a non-http URL as bad input when the client is built', () => {
    expect(() => new ShuffleClient({ url: 'ftp://shuffle.corp', apiKey: KEY })).toThrow(BadInputError);
  });

  it('never logs the API key, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ apiKey: `${KEY}-wrong` });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/v1/apps/authentication'))).toBe(
        true,
      );
      expect(logs.text()).not.toContain(KEY);
    } finally {
      logs.restore();
    }
  });
});
