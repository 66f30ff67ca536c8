import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  OutboundHttpFactory,
  TooManyRequestsError,
  UpstreamAuthError,
} from '@copilot/api-core';
import { captureNestLogs } from '@copilot/testing-fakes';
// The fake is imported from its folder until the fakes' index exports it.
import { EICAR, FakeVirusTotal } from '@copilot/testing-fakes';
import { VirusTotalClient } from './virustotal.client';
import type { VirusTotalConfig } from './virustotal.types';

const KEY = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988';
const UNKNOWN_SHA256 = 'ab'.repeat(32);

describe('VirusTotalClient against FakeVirusTotal over HTTPS', () => {
  let fake: FakeVirusTotal;
  const clients: VirusTotalClient[] = [];
  /** A client with its own budget; generous limits unless a test is about them. */
  const build = (overrides: Partial<VirusTotalConfig> = {}) => {
    const client = new VirusTotalClient(
      {
        url: fake.apiUrl,
        apiKey: KEY,
        caPem: fake.caPem,
        timeoutMs: 2_000,
        rateLimit: { requests: 100, perMs: 1_000 },
        ...overrides,
      },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client;
  };
  const lookups = () => fake.requests.map((r) => r.path);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeVirusTotal.start({ tls: true, apiKey: KEY });
  });

  beforeEach(() => fake.clearRequests());

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('summarises a file report, and then knows the file by all its hashes without asking again', async () => {
    const client = build();
    const report = await client.lookupFile(EICAR.md5.toUpperCase());
    expect(report).toMatchObject({
      kind: 'file',
      indicator: EICAR.md5,
      known: true,
      id: EICAR.sha256,
      verdict: 'malicious',
      stats: { malicious: 66, suspicious: 0, harmless: 0, undetected: 8, timeout: 0 },
      reputation: 3397,
      lastAnalysisAt: '2024-04-25T16:00:00.000Z',
      permalink: `https://www.virustotal.com/gui/file/${EICAR.sha256}`,
      details: { name: 'eicar.com', type: 'Text', size: 68, sha256: EICAR.sha256 },
      fromCache: false,
    });
    expect(lookups()).toEqual([`/api/v3/files/${EICAR.md5}`]);
    expect(fake.requests[0].headers['x-apikey']).toBe(KEY);

    const again = await client.lookupFile(EICAR.sha256);
    expect(again).toMatchObject({ indicator: EICAR.sha256, id: EICAR.sha256, fromCache: true });
    expect((await client.lookupFile(EICAR.sha1)).fromCache).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('looks up a URL by its unpadded base64url id', async () => {
    const report = await build().lookupUrl('http://malware.wicar.org/data/eicar.com');
    expect(report).toMatchObject({ kind: 'url', known: true, verdict: 'malicious', reputation: -15 });
    expect(report.details).toMatchObject({ title: 'EICAR test download', httpStatus: 200 });
    expect(lookups()).toEqual(['/api/v3/urls/aHR0cDovL21hbHdhcmUud2ljYXIub3JnL2RhdGEvZWljYXIuY29t']);
  });

  it('looks up IP addresses and domains', async () => {
    const client = build();
    expect(await client.lookupIp('185.220.101.4')).toMatchObject({
      kind: 'ip',
      verdict: 'malicious',
      summary: '14 of 94 engines flag it malicious, 3 suspicious; reputation -32',
      details: { owner: 'Stiftung Erneuerbare Freiheit', asn: 60729, country: 'DE' },
      permalink: 'https://www.virustotal.com/gui/ip-address/185.220.101.4',
    });
    expect(await client.lookupIp('8.8.8.8')).toMatchObject({ verdict: 'harmless', reputation: 545 });
    expect(await client.lookupDomain('Example.COM')).toMatchObject({
      kind: 'domain',
      indicator: 'example.com',
      verdict: 'harmless',
      details: { registrar: 'RESERVED-Internet Assigned Numbers Authority', tld: 'com' },
    });
  });

  it('answers "not known to VirusTotal" for an unknown indicator, and caches that answer too', async () => {
    const client = build();
    expect(await client.lookupFile(UNKNOWN_SHA256)).toMatchObject({
      known: false,
      verdict: 'unknown',
      summary: 'not known to VirusTotal',
      stats: null,
      id: null,
    });
    expect((await client.lookupFile(UNKNOWN_SHA256)).fromCache).toBe(true);
    expect(await client.lookupDomain('never-seen.example')).toMatchObject({ known: false });
    expect(fake.requests).toHaveLength(2);
  });

  it('refuses malformed indicators with a 400 before any request', async () => {
    const client = build();
    await expect(client.lookupFile('not-a-hash')).rejects.toBeInstanceOf(BadInputError);
    await expect(client.lookupIp('999.1.1.1')).rejects.toThrow('ip: must be an IPv4 or IPv6 address');
    await expect(client.lookupDomain('no_tld')).rejects.toThrow('domain: must be a domain name');
    await expect(client.lookupUrl('javascript:alert(1)')).rejects.toThrow('url: must be');
    expect(fake.requests).toHaveLength(0);
  });

  it('shares one request between concurrent lookups of the same indicator', async () => {
    const client = build();
    const reports = await Promise.all([1, 2, 3].map(() => client.lookupIp('8.8.8.8')));
    expect(reports.every((r) => r.known)).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('queues lookups beyond the client-side rate instead of hammering, in order', async () => {
    const client = build({ rateLimit: { requests: 1, perMs: 250, maxWaitMs: 2_000 } });
    // Takes the only token and warms the connection, so arrival times below reflect the limiter alone.
    await client.lookupFile(UNKNOWN_SHA256);
    fake.clearRequests();
    await Promise.all([
      client.lookupIp('8.8.8.8'),
      client.lookupDomain('example.com'),
      client.lookupFile(EICAR.sha256),
    ]);
    const at = fake.requests.map((r) => r.at);
    expect(lookups()).toEqual([
      '/api/v3/ip_addresses/8.8.8.8',
      '/api/v3/domains/example.com',
      `/api/v3/files/${EICAR.sha256}`,
    ]);
    // One token per 250 ms; slack for timer jitter on a busy machine.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(150);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(150);
  });

  it('fails with a 429 instead of waiting longer than allowed', async () => {
    const client = build({ rateLimit: { requests: 2, perMs: 60_000, maxWaitMs: 500 } });
    await client.lookupIp('8.8.8.8');
    await client.lookupDomain('example.com');
    const refused = client.lookupIp('185.220.101.4');
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(refused).rejects.toThrow(
      'VirusTotal: not called: the rate limit of 2 lookups per 60 s is reached; retry in 30 s',
    );
    // Cached answers are still served while the budget is spent.
    expect((await client.lookupIp('8.8.8.8')).fromCache).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('honours a 429 from VirusTotal: no retry, then a pause for its Retry-After', async () => {
    const client = build({ rateLimit: { requests: 100, perMs: 1_000, maxWaitMs: 500 } });
    fake.exceedQuota(1, 2);
    const first = client.lookupIp('8.8.8.8');
    await expect(first).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(first).rejects.toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
    expect(fake.requests).toHaveLength(1);
    // Within the pause, lookups fail fast without a request...
    await expect(client.lookupDomain('example.com')).rejects.toThrow('retry in 2 s');
    expect(fake.requests).toHaveLength(1);
    // ...and one that may wait long enough goes through after it.
    const patient = build({ rateLimit: { requests: 100, perMs: 1_000, maxWaitMs: 3_000 } });
    fake.exceedQuota(1, 1);
    await expect(patient.lookupIp('8.8.8.8')).rejects.toThrow(TooManyRequestsError);
    const started = Date.now();
    expect((await patient.lookupDomain('example.com')).known).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reports a key revoked mid-session as wrong credentials', async () => {
    const client = build();
    await client.lookupIp('8.8.8.8');
    fake.setApiKey('0'.repeat(64));
    try {
      await expect(client.lookupDomain('example.com')).rejects.toBeInstanceOf(UpstreamAuthError);
    } finally {
      fake.setApiKey(KEY);
    }
  });

  it('keeps the API key out of debug logs', async () => {
    const logs = captureNestLogs();
    try {
      await build().lookupUrl('https://www.example.com/');
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/v3/urls/'))).toBe(true);
      expect(logs.text()).not.toContain(KEY);
    } finally {
      logs.restore();
    }
  });
});
