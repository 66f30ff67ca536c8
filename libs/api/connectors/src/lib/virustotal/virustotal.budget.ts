import { createHash } from 'node:crypto';
import { TtlLruCache } from './virustotal.cache';
import { VirusTotalRateLimiter } from './virustotal.rate-limiter';
import type { VirusTotalCacheOptions, VirusTotalRateLimit, VirusTotalReport } from './virustotal.types';

export const DEFAULT_CACHE: VirusTotalCacheOptions = { ttlMs: 3_600_000, notFoundTtlMs: 900_000, maxEntries: 1_000 };

/**
 * What one API key may spend, and what it already learnt: the rate limiter, the report cache and the lookups in
 * flight (so concurrent callers asking for the same indicator share one request). VirusTotal counts quota per
 * key, so this is shared by every client using the key, including the short-lived ones built for verify.
 */
export class VirusTotalBudget {
  readonly limiter: VirusTotalRateLimiter;
  readonly cache: TtlLruCache<VirusTotalReport>;
  readonly cacheOptions: VirusTotalCacheOptions;
  readonly inflight = new Map<string, Promise<VirusTotalReport>>();

  constructor(
    rateLimit: Partial<VirusTotalRateLimit> = {},
    cache: Partial<VirusTotalCacheOptions> = {},
    now: () => number = Date.now,
  ) {
    this.limiter = new VirusTotalRateLimiter(rateLimit, now);
    this.cacheOptions = { ...DEFAULT_CACHE, ...cache };
    this.cache = new TtlLruCache<VirusTotalReport>(this.cacheOptions.maxEntries, now);
  }
}

/** Keys that stay distinct per (API URL, key) without keeping the key itself in memory longer than needed. */
export function budgetKey(url: string, apiKey: string): string {
  return `${url}|${createHash('sha256').update(apiKey).digest('hex')}`;
}

/** Budgets per key for the process; the provider holds one so clients and verify share them. */
export class VirusTotalBudgets {
  private readonly budgets = new Map<string, VirusTotalBudget>();

  constructor(private readonly maxKeys = 100) {}

  get(
    url: string,
    apiKey: string,
    rateLimit?: Partial<VirusTotalRateLimit>,
    cache?: Partial<VirusTotalCacheOptions>,
  ): VirusTotalBudget {
    const key = budgetKey(url, apiKey);
    const existing = this.budgets.get(key);
    if (existing) return existing;
    const budget = new VirusTotalBudget(rateLimit, cache);
    this.budgets.set(key, budget);
    // Rotated keys leave old budgets behind; drop the oldest rather than grow without bound.
    while (this.budgets.size > this.maxKeys) {
      const oldest = this.budgets.keys().next().value;
      if (oldest === undefined) break;
      this.budgets.delete(oldest);
    }
    return budget;
  }
}
