import {
  ServiceUnavailableError,
  UpstreamAuthError,
  type OutboundHttp,
  type OutboundResponse,
} from '@copilot/api-core';
import { PORTAINER } from './portainer.types';

/** Used when a token carries no readable `exp`: short enough that a revoked session is noticed soon. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** The `exp` claim of a JWT in epoch milliseconds, or null. The token is only read, never trusted: Portainer checks it. */
export function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = claims && typeof claims === 'object' ? (claims as Record<string, unknown>)['exp'] : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function messageOf(body: unknown): string {
  if (body && typeof body === 'object') {
    const { message, details } = body as Record<string, unknown>;
    if (typeof message === 'string')
      return typeof details === 'string' && details !== message ? `${message}: ${details}` : message;
  }
  return 'no reason given';
}

/**
 * A Portainer login session: `POST /api/auth` with username and password gives a JWT, kept until shortly before
 * its `exp` and shared by concurrent callers (one login at a time). The platform we replace logged in on every
 * call; this logs in once per token lifetime, and again once when Portainer answers 401 to a cached token.
 */
export class PortainerSession {
  private current: { jwt: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly http: OutboundHttp,
    private readonly username: string,
    private readonly password: string,
    private readonly refreshSkewMs = 60_000,
  ) {}

  /** A token believed valid: the cached one, or a fresh login. */
  async token(probe = false): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return this.current.jwt;
    this.pending ??= this.login(probe).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets `jwt` after Portainer refused it (revoked session, restarted server with a new secret). */
  invalidate(jwt: string): void {
    if (this.current?.jwt === jwt) this.current = null;
  }

  private async login(probe: boolean): Promise<string> {
    if (!this.username || !this.password) {
      throw new ServiceUnavailableError(PORTAINER, 'no username and password (or access token) configured');
    }
    const response: OutboundResponse = await this.http.request({
      method: 'POST',
      path: '/api/auth',
      body: { username: this.username, password: this.password },
      // A login creates nothing, so repeating it after a network error is safe.
      idempotent: true,
      acceptStatuses: [422],
      probe,
    });
    const body = response.json<unknown>();
    if (response.status === 422) {
      // auth/authenticate.go answers wrong credentials with 422 "Invalid credentials", not 401.
      throw new UpstreamAuthError(
        PORTAINER,
        422,
        `wrong credentials (HTTP 422 from POST /api/auth: ${messageOf(body)})`,
        body,
      );
    }
    const jwt = body && typeof body === 'object' ? (body as Record<string, unknown>)['jwt'] : undefined;
    if (typeof jwt !== 'string' || jwt === '') {
      throw new ServiceUnavailableError(
        PORTAINER,
        'unexpected answer to POST /api/auth: no jwt (is the URL a Portainer server?)',
      );
    }
    const now = Date.now();
    const lifetime = (jwtExpiry(jwt) ?? now + FALLBACK_LIFETIME_MS) - now;
    // Renew `refreshSkewMs` early, but never so early that a short-lived token is renewed on every call.
    this.current = { jwt, renewAt: now + Math.max(lifetime - this.refreshSkewMs, lifetime / 2) };
    return jwt;
  }
}
