import { TooManyRequestsError } from '@copilot/api-core';
import { TtlLruCache } from './virustotal.cache';
import { normaliseDomain, normaliseHash, normaliseIp, normaliseUrl, urlIdentifier } from './virustotal.indicators';
import { retryAfterMs } from './virustotal.client';
import { VirusTotalRateLimiter } from './virustotal.rate-limiter';

const timed = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  await work();
  return Date.now() - started;
};

describe('VirusTotalRateLimiter', () => {
  it('defaults to the public API: 4 per minute, 500 per day, 15 s of queueing', () => {
    expect(new VirusTotalRateLimiter().settings).toEqual({
      requests: 4,
      perMs: 60_000,
      maxWaitMs: 15_000,
      dailyLimit: 500,
    });
  });

  it('lets a burst of `requests` through, then queues callers in order at the refill rate', async () => {
    const limiter = new VirusTotalRateLimiter({ requests: 2, perMs: 200, maxWaitMs: 1_000 });
    expect(await timed(() => Promise.all([limiter.acquire(), limiter.acquire()]))).toBeLessThan(50);
    const finished: number[] = [];
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => finished.push(n))));
    expect(finished).toEqual([1, 2, 3]);
    // 100 ms per token: the third queued caller waits about 300 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails at once with a 429 naming the wait when the queue is longer than maxWaitMs', async () => {
    const limiter = new VirusTotalRateLimiter({ requests: 1, perMs: 60_000, maxWaitMs: 100 });
    await limiter.acquire();
    const refused = limiter.acquire();
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(refused).rejects.toThrow(
      'VirusTotal: not called: the rate limit of 1 lookups per 60 s is reached; retry in 60 s',
    );
    await expect(refused).rejects.toMatchObject({ status: 429, headers: { 'Retry-After': '60' } });
    // A refused caller does not take a token: the balance is as before.
    expect(limiter.available()).toBeLessThan(0.01);
  });

  it('pauses every caller after the server answered 429, and does not burst afterwards', async () => {
    const limiter = new VirusTotalRateLimiter({ requests: 4, perMs: 400, maxWaitMs: 1_000 });
    limiter.pause(200);
    expect(await timed(() => limiter.acquire())).toBeGreaterThanOrEqual(190);
    const short = new VirusTotalRateLimiter({ requests: 4, perMs: 400, maxWaitMs: 100 });
    short.pause(5_000);
    await expect(short.acquire()).rejects.toThrow('retry in 5 s');
  });

  it('refuses a queued caller whose turn a later server 429 pushed back', async () => {
    const limiter = new VirusTotalRateLimiter({ requests: 1, perMs: 200, maxWaitMs: 1_000 });
    await limiter.acquire();
    const queued = limiter.acquire();
    limiter.pause(3_000);
    await expect(queued).rejects.toThrow('VirusTotal asked to pause (HTTP 429) while this lookup queued; retry in 3 s');
  });

  it('stops for the day when the daily budget is used, until 00:00 UTC', async () => {
    let now = Date.UTC(2025, 0, 10, 23, 59, 0);
    const limiter = new VirusTotalRateLimiter({ requests: 100, perMs: 1_000, dailyLimit: 2 }, () => now);
    await limiter.acquire();
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toThrow(
      'the daily budget of 2 lookups is used up (it resets at 00:00 UTC); retry in 60 s',
    );
    now = Date.UTC(2025, 0, 11, 0, 0, 1);
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });
});

describe('TtlLruCache', () => {
  it('expires entries after their TTL and evicts the least recently used beyond its size', () => {
    let now = 0;
    const cache = new TtlLruCache<number>(2, () => now);
    cache.set('a', 1, 1_000);
    cache.set('b', 2, 1_000);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3, 1_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

describe('indicator validation', () => {
  it('accepts MD5, SHA-1 and SHA-256 in any case, and nothing else', () => {
    expect(normaliseHash(' 44D88612FEA8A8F36DE82E1278ABB02F ')).toBe('44d88612fea8a8f36de82e1278abb02f');
    expect(normaliseHash('3395856ce81f2b7382dee72602f798b642f14140')).toHaveLength(40);
    for (const bad of ['', 'xyz', '44d88612fea8a8f36de82e1278abb02', `${'a'.repeat(63)}g`, '../ip_addresses/1']) {
      expect(() => normaliseHash(bad)).toThrow('hash: must be an MD5, SHA-1 or SHA-256 in hex');
    }
  });

  it('accepts IPv4 and IPv6, refusing zone ids, ports and names', () => {
    expect(normaliseIp('185.220.101.4')).toBe('185.220.101.4');
    expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
    for (const bad of ['256.1.1.1', '10.0.0.1:80', 'fe80::1%eth0', 'example.com']) {
      expect(() => normaliseIp(bad)).toThrow('ip: must be an IPv4 or IPv6 address');
    }
  });

  it('accepts domain names, refusing IPs, single labels and junk', () => {
    expect(normaliseDomain('WWW.Example.COM.')).toBe('www.example.com');
    expect(normaliseDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(() => normaliseDomain('8.8.8.8')).toThrow('look it up as an IP');
    for (const bad of ['localhost', 'exa mple.com', '-bad.com', 'a..b.com', 'example.c0m', `${'a'.repeat(64)}.com`]) {
      expect(() => normaliseDomain(bad)).toThrow('domain: must be a domain name');
    }
  });

  it('accepts absolute http(s)/ftp URLs and encodes them as unpadded base64url', () => {
    expect(normaliseUrl(' http://www.google.com/ ')).toBe('http://www.google.com/');
    expect(urlIdentifier('http://www.google.com/')).toBe('aHR0cDovL3d3dy5nb29nbGUuY29tLw');
    expect(urlIdentifier('https://a.example/?q=>>')).not.toMatch(/[+/=]/);
    for (const bad of ['www.google.com', 'javascript:alert(1)', 'file:///etc/passwd', 'http://']) {
      expect(() => normaliseUrl(bad)).toThrow(/^url: must be/);
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 0))).toBe(60_000);
    expect(retryAfterMs(undefined)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
