import { TooManyRequestsError } from '@copilot/api-core';
import { VIRUSTOTAL, type VirusTotalRateLimit } from './virustotal.types';

export const DEFAULT_RATE_LIMIT: VirusTotalRateLimit = {
  requests: 4,
  perMs: 60_000,
  maxWaitMs: 15_000,
  dailyLimit: 500,
};

const DAY_MS = 86_400_000;

/**
 * Token bucket in front of the VirusTotal API: `requests` tokens refill evenly over `perMs`. A call takes a token
 * when it joins the queue, so the balance may go negative and each later caller waits its turn (FIFO) for the
 * refill; a caller whose turn is further away than `maxWaitMs` gets a 429 at once instead. A 429 from the server
 * pauses the bucket for its Retry-After. A daily counter mirrors VirusTotal's 00:00 UTC reset.
 */
export class VirusTotalRateLimiter {
  readonly settings: VirusTotalRateLimit;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private day: number;
  private usedToday = 0;

  constructor(
    settings: Partial<VirusTotalRateLimit> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULT_RATE_LIMIT, ...settings };
    if (!(this.settings.requests >= 1) || !(this.settings.perMs > 0)) {
      throw new RangeError('VirusTotal rate limit needs at least 1 request per positive window');
    }
    this.tokens = this.settings.requests;
    this.refilledAt = this.now();
    this.day = Math.floor(this.refilledAt / DAY_MS);
  }

  private get msPerToken(): number {
    return this.settings.perMs / this.settings.requests;
  }

  /** Waits for a turn, or throws TooManyRequestsError when the turn is too far away or the day's quota is spent. */
  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
    // A server 429 that arrived while this caller queued moves its turn; give the token back and say so.
    const paused = this.pausedUntil - this.now();
    if (paused > 0) {
      this.tokens += 1;
      this.usedToday = Math.max(0, this.usedToday - 1);
      throw this.tooMany(`VirusTotal asked to pause (HTTP 429) while this lookup queued`, paused);
    }
  }

  /** Pauses every caller for `ms` after the server answered 429, and drains the bucket so no burst follows. */
  pause(ms: number): void {
    const now = this.now();
    this.refill(now);
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Tokens left right now (negative when callers are queued). */
  available(): number {
    this.refill(this.now());
    return this.tokens;
  }

  private reserve(): number {
    const now = this.now();
    const today = Math.floor(now / DAY_MS);
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
    const { dailyLimit, requests, perMs, maxWaitMs } = this.settings;
    if (dailyLimit !== null && this.usedToday >= dailyLimit) {
      throw this.tooMany(
        `the daily budget of ${dailyLimit} lookups is used up (it resets at 00:00 UTC)`,
        (today + 1) * DAY_MS - now,
      );
    }
    this.refill(now);
    const after = this.tokens - 1;
    const wait = Math.max(this.pausedUntil - now, after >= 0 ? 0 : -after * this.msPerToken);
    if (wait > maxWaitMs) {
      const queued = Math.max(0, Math.ceil(-this.tokens));
      throw this.tooMany(
        `the rate limit of ${requests} lookups per ${Math.round(perMs / 1000)} s is reached` +
          (queued > 0 ? ` and ${queued} lookup${queued === 1 ? ' is' : 's are'} queued` : ''),
        wait,
      );
    }
    this.tokens = after;
    this.usedToday += 1;
    return wait;
  }

  private refill(now: number): void {
    const elapsed = now - this.refilledAt;
    if (elapsed > 0) {
      this.tokens = Math.min(this.settings.requests, this.tokens + elapsed / this.msPerToken);
      this.refilledAt = now;
    }
  }

  private tooMany(why: string, waitMs: number): TooManyRequestsError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new TooManyRequestsError(`${VIRUSTOTAL}: not called: ${why}; retry in ${seconds} s`, seconds);
  }
}
