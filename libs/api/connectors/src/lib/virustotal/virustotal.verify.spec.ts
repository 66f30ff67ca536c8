import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { FakeVirusTotal } from '@copilot/testing-fakes';
import type { ConnectorSettings } from '../registry/connector-provider';
import { VirusTotalClient } from './virustotal.client';
import { VirusTotalProvider } from './virustotal.provider';
import type { VirusTotalConfig } from './virustotal.types';

const KEY = '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c';

describe('VirusTotal verify', () => {
  let fake: FakeVirusTotal;
  const clients: VirusTotalClient[] = [];

  /** A fresh client with its own budget, so nothing is served from an earlier test's cache. */
  const verify = async (overrides: Partial<VirusTotalConfig> = {}) => {
    const client = new VirusTotalClient(
      { url: fake.apiUrl, apiKey: KEY, caPem: fake.caPem, timeoutMs: 2_000, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeVirusTotal.start({ tls: true, apiKey: KEY });
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('looks up the EICAR test file with the key in x-apikey', async () => {
    expect(await verify()).toEqual({
      ok: true,
      message:
        'connected to VirusTotal: API key accepted (EICAR test file known, 66 of 74 engines flag it malicious, 0 suspicious; reputation 3397)',
    });
    const last = fake.requests[fake.requests.length - 1];
    expect(last.path).toBe('/api/v3/files/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f');
    expect(last.headers['x-apikey']).toBe(KEY);
  });

  it('serves repeated verifies through the provider from the cache, spending one lookup per key', async () => {
    const provider = new VirusTotalProvider(new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }));
    const settings: ConnectorSettings = {
      id: 7,
      name: 'VirusTotal',
      customerCode: null,
      url: fake.apiUrl,
      username: null,
      verifyTls: true,
      caPem: fake.caPem ?? null,
      extra: {},
      allowLinkLocal: false,
    };
    const before = fake.lookupCount();
    const requestsBefore = fake.requests.length;
    const first = await provider.verify(settings, { password: null, apiKey: KEY, file: null });
    const again = await provider.verify(settings, { password: null, apiKey: KEY, file: null });
    expect(first.ok && again.ok).toBe(true);
    expect(again.message).toMatch(/; result of \d{4}-\d\d-\d\dT[\d:.]+Z, cached to spare the quota$/);
    expect(fake.lookupCount()).toBe(before + 1);
    // Another key is another budget: its first verify really asks VirusTotal (and fails).
    const other = await provider.verify(settings, { password: null, apiKey: 'f'.repeat(64), file: null });
    expect(other.ok).toBe(false);
    expect(fake.requests.length).toBe(requestsBefore + 2);
  });

  it('says wrong credentials, with VirusTotal error code, for a wrong or missing key', async () => {
    expect(await verify({ apiKey: '0'.repeat(64) })).toEqual({
      ok: false,
      message: 'wrong credentials: VirusTotal rejected the API key (HTTP 401 WrongCredentialsError: Wrong API key)',
    });
    expect((await verify({ apiKey: '' })).message).toBe(
      'wrong credentials: VirusTotal rejected the API key (HTTP 401 AuthenticationRequiredError: X-Apikey header is missing)',
    );
  });

  it('says quota exceeded when VirusTotal answers 429', async () => {
    fake.exceedQuota(1, 30);
    expect(await verify()).toEqual({
      ok: false,
      message: 'VirusTotal: quota exceeded (QuotaExceededError: Quota exceeded); retry in 30 s',
    });
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 200 })).start();
    const url = `${gone.url}/api/v3`;
    await gone.stop();
    expect((await verify({ url })).message).toMatch(
      /^VirusTotal: connection refused by 127\.0\.0\.1:\d+ \(is the service/,
    );
  });

  it('says to set a CA file for a certificate it cannot trust (e.g. a TLS-inspecting proxy)', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'VirusTotal: certificate signed by unknown authority (set a CA file)',
    );
    expect((await verify({ caPem: createTestPki({ caName: 'Proxy CA' }).caPem })).message).toContain(
      'certificate signed by unknown authority (set a CA file)',
    );
  });

  it('explains an HTML page answered instead of JSON', async () => {
    fake.injectFault({ kind: 'html' });
    expect((await verify()).message).toMatch(
      /^VirusTotal: expected JSON from VirusTotal, got text\/html: <!DOCTYPE html>/,
    );
  });

  it('explains garbage JSON', async () => {
    fake.injectFault({ kind: 'garbage' });
    expect((await verify()).message).toMatch(/^VirusTotal: invalid JSON from VirusTotal \(application\/json\): /);
  });

  it('explains JSON that is not a VirusTotal object', async () => {
    fake.injectFault({ kind: 'status', status: 200, body: '{"hello":"world"}', contentType: 'application/json' });
    expect((await verify()).message).toBe(
      'VirusTotal: unexpected answer to GET /files/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f: no data object (is the URL the VirusTotal API v3, e.g. https://www.virustotal.com/api/v3?)',
    );
  });

  it('gives up on a slow answer at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.message).toMatch(/^VirusTotal: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/);
  });

  it('says which status a failing VirusTotal answered', async () => {
    fake.injectFault(
      {
        kind: 'status',
        status: 503,
        body: '{"error":{"code":"TransientError","message":"Try again"}}',
        contentType: 'application/json',
      },
      { times: 5 },
    );
    expect((await verify()).message).toMatch(/^VirusTotal: HTTP 503 from GET \/api\/v3\/files\/275a02[0-9a-f]+: /);
  });

  it('refuses a link-local URL and a non-http URL', async () => {
    expect((await verify({ url: 'http://169.254.169.254/api/v3' })).message).toContain('refused by the address policy');
    expect(() => new VirusTotalClient({ url: 'gopher://vt', apiKey: KEY })).toThrow(BadInputError);
  });

  it('never logs the API key, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ apiKey: `${KEY.slice(0, 60)}dead` });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/v3/files/'))).toBe(true);
      expect(logs.text()).not.toContain(KEY);
      expect(logs.text()).not.toContain(KEY.slice(0, 60));
    } finally {
      logs.restore();
    }
  });
});
