import { Logger } from '@nestjs/common';
import {
  UpstreamAuthError,
  UpstreamHttpError,
  type OutboundHttp,
  type OutboundRequest,
  type OutboundResponse,
} from '@copilot/api-core';
import { parseToken, withWazuhDetail } from './wazuh-manager.parse';
import { TokenCache } from './wazuh-manager.token';
import { WAZUH_MANAGER } from './wazuh-manager.types';

export const LOGIN_PATH = '/security/user/authenticate';

/**
 * The authenticated transport of a Wazuh-Manager client: logs in with HTTP Basic at
 * `POST /security/user/authenticate` (Wazuh API v4 reference, Authentication), keeps the JWT in a TokenCache and
 * sends it as `Authorization: Bearer`. A 401 on a call means the token was revoked or expired early (a security
 * configuration change revokes every token): the token is dropped, one new login is made (shared by every call
 * that hit the same 401) and the call is sent once more. A 401 from a request the manager refused to process
 * is safe to resend even for calls that trigger actions.
 */
export class WazuhSession {
  private readonly tokens: TokenCache;
  private readonly logger = new Logger(`Connector:${WAZUH_MANAGER}`);

  constructor(
    private readonly http: OutboundHttp,
    private readonly basicAuth: string,
    clock: () => number,
  ) {
    this.tokens = new TokenCache(() => this.login(false), clock);
  }

  /**
   * A fresh login for verify: it proves the credentials now, not when the cached token was obtained, and as a
   * probe it passes an open circuit. The new token replaces the cached one.
   */
  async authenticate(): Promise<{ lifetimeMs: number }> {
    return { lifetimeMs: this.tokens.store(await this.login(true)).lifetimeMs };
  }

  /** Sends `req` with the cached token, renewing it once on a 401. */
  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const token = await this.tokens.get();
    try {
      return await this.send(req, token);
    } catch (err) {
      if (!(err instanceof UpstreamAuthError) || err.upstreamStatus !== 401) throw err;
      this.tokens.invalidate(token);
      this.logger.debug(`${req.method} ${req.path}: token refused (HTTP 401); logging in again and retrying once`);
    }
    const fresh = await this.tokens.get();
    try {
      return await this.send(req, fresh);
    } catch (err) {
      if (err instanceof UpstreamAuthError && err.upstreamStatus === 401) this.tokens.invalidate(fresh);
      throw err;
    }
  }

  private async send(req: OutboundRequest, token: string): Promise<OutboundResponse> {
    try {
      return await this.http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    } catch (err) {
      if (err instanceof UpstreamHttpError) {
        throw withWazuhDetail(err, req.method, req.path, 'token refused even after a fresh login');
      }
      throw err;
    }
  }

  private async login(probe: boolean): Promise<string> {
    try {
      const response = await this.http.request({
        method: 'POST',
        path: LOGIN_PATH,
        headers: { authorization: this.basicAuth },
        // A login changes nothing on the manager, so it may be retried on a 5xx like a read.
        idempotent: true,
        probe,
      });
      return parseToken(response.json<unknown>());
    } catch (err) {
      if (err instanceof UpstreamHttpError) throw withWazuhDetail(err, 'POST', LOGIN_PATH);
      throw err;
    }
  }
}
