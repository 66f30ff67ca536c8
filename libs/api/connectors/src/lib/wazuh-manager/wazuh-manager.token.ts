/**
 * JWT caching for the Wazuh API. Wazuh tokens last `auth_token_exp_timeout` seconds (default 900, per the API
 * reference's Authentication section); every login costs the manager a password hash check, and a burst of logins
 * from one address counts towards its brute-force block, so one token is shared by all calls of a client and
 * renewed shortly before it expires.
 */

/** Lifetime assumed when the token carries no readable `exp` (Wazuh's default). */
export const DEFAULT_TOKEN_LIFETIME_MS = 900_000;

export interface TokenLifetime {
  /** Local clock time at which the token stops being accepted. */
  expiresAt: number;
  lifetimeMs: number;
}

function claims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * When a token received at `receivedAt` (local clock) expires. With both `nbf` and `exp` the lifetime is taken
 * from the token and counted from our own receipt, so a manager whose clock is off does not make us use expired
 * tokens (or throw away fresh ones); with `exp` alone it is the absolute time; without either, 900 s.
 */
export function tokenLifetime(token: string, receivedAt: number): TokenLifetime {
  const payload = claims(token);
  const exp = typeof payload?.['exp'] === 'number' && Number.isFinite(payload['exp']) ? payload['exp'] : null;
  const issued = payload?.['nbf'] ?? payload?.['iat'];
  if (exp !== null && typeof issued === 'number' && Number.isFinite(issued) && exp > issued) {
    const lifetimeMs = (exp - issued) * 1000;
    return { expiresAt: receivedAt + lifetimeMs, lifetimeMs };
  }
  if (exp !== null && exp * 1000 > receivedAt) return { expiresAt: exp * 1000, lifetimeMs: exp * 1000 - receivedAt };
  return { expiresAt: receivedAt + DEFAULT_TOKEN_LIFETIME_MS, lifetimeMs: DEFAULT_TOKEN_LIFETIME_MS };
}

/** Renew this long before expiry: a tenth of the lifetime, at most a minute (60 s of a default 900 s token). */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, Math.floor(lifetimeMs / 10));
}

interface Entry {
  token: string;
  refreshAt: number;
  lifetimeMs: number;
}

/**
 * One token at a time, fetched single-flight: concurrent callers that find no usable token wait for the same
 * login instead of each starting their own.
 */
export class TokenCache {
  private entry: Entry | null = null;
  private pending: Promise<Entry> | null = null;

  constructor(
    private readonly login: () => Promise<string>,
    private readonly clock: () => number,
  ) {}

  /** A token valid for a while yet, logging in when there is none (sharing a login already under way). */
  async get(): Promise<string> {
    const entry = this.entry;
    if (entry && this.clock() < entry.refreshAt) return entry.token;
    if (!this.pending) {
      this.pending = this.fetch().finally(() => {
        this.pending = null;
      });
    }
    return (await this.pending).token;
  }

  /**
   * Forgets `token` after the API refused it. Only that token: when several calls fail with the same stale token,
   * the first one's new login must not be thrown away by the others.
   */
  invalidate(token: string): void {
    if (this.entry?.token === token) this.entry = null;
  }

  clear(): void {
    this.entry = null;
  }

  /** Caches a token obtained outside the cache (verify's own login). */
  store(token: string): { token: string; lifetimeMs: number } {
    const entry = this.entryFor(token);
    this.entry = entry;
    return { token, lifetimeMs: entry.lifetimeMs };
  }

  private async fetch(): Promise<Entry> {
    const entry = this.entryFor(await this.login());
    this.entry = entry;
    return entry;
  }

  private entryFor(token: string): Entry {
    const { expiresAt, lifetimeMs } = tokenLifetime(token, this.clock());
    return { token, refreshAt: expiresAt - refreshMargin(lifetimeMs), lifetimeMs };
  }
}
