import { timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { agentRoutes } from './agent-routes';
import { managerRoutes } from './manager-routes';
import { seedWazuhManager, type SeedWazuhManagerOptions } from './seed-wazuh-manager';
import { unauthorized, WazuhProblem } from './wazuh-envelope';
import { WazuhTokenIssuer } from './wazuh-jwt';
import {
  emptyState,
  type ActiveResponseRecord,
  type FakeAgent,
  type UpgradeTaskRecord,
  type WazuhState,
} from './wazuh-model';
import { matchRoute, type WazuhRoute } from './wazuh-routes';

export interface FakeWazuhManagerOptions extends FakeServerOptions {
  username?: string;
  password?: string;
  /** `api_version` of `GET /`; any string, to test clients against odd ones. Default `4.14.7`. */
  apiVersion?: string;
  hostname?: string;
  /** `auth_token_exp_timeout` (security config). Default 900 s, Wazuh's default. */
  tokenLifetimeSeconds?: number;
  /** Failed logins from one address before it is blocked (api.yaml `access.max_login_attempts`). Default 50. */
  maxLoginAttempts?: number;
  /** Seed data; false for an empty manager. Default: the standard seed. */
  seed?: SeedWazuhManagerOptions | false;
}

const LOGIN_PATH = '/security/user/authenticate';
const ROUTES: WazuhRoute[] = [...managerRoutes, ...agentRoutes];

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fake Wazuh manager speaking the Wazuh server REST API v4 as documented in the wazuh/wazuh repository's
 * OpenAPI document (`api/api/spec/spec.yaml`, tag v4.14.7): `POST /security/user/authenticate` with Basic auth
 * issues an ES512 JWT (`{data: {token}, error: 0}`), every other endpoint wants `Authorization: Bearer`.
 * Errors are connexion problem documents (`{title, detail}` as application/problem+json). The route modules cite
 * the spec section each response shape follows.
 */
export class FakeWazuhManager extends FakeHttpServer {
  readonly state: WazuhState = emptyState();
  private readonly tokens = new WazuhTokenIssuer();
  private username: string;
  private password: string;
  private tokenLifetimeSeconds: number;
  private readonly maxLoginAttempts: number;
  private failedLogins = 0;

  constructor(options: FakeWazuhManagerOptions = {}) {
    super(options);
    this.username = options.username ?? 'wazuh-wui';
    this.password = options.password ?? 'wazuh-wui';
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 900;
    this.maxLoginAttempts = options.maxLoginAttempts ?? 50;
    if (options.apiVersion) this.state.info.apiVersion = options.apiVersion;
    if (options.hostname) this.state.info.hostname = options.hostname;
    if (options.seed !== false) seedWazuhManager(this.state, options.seed ?? {});
  }

  static async start(options: FakeWazuhManagerOptions = {}): Promise<FakeWazuhManager> {
    return new FakeWazuhManager(options).start();
  }

  /** The fake's clock: real time plus `advanceClock` offsets. */
  now(): number {
    return Date.now() + this.state.clockOffsetMs;
  }

  /** Moves the fake's clock forward, e.g. past a token's expiry. */
  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }

  /** Changes the accepted credentials; tokens already issued stay valid, as in Wazuh until they expire. */
  setCredentials(username: string, password: string): void {
    this.username = username;
    this.password = password;
  }

  setApiVersion(version: string): void {
    this.state.info.apiVersion = version;
  }

  setTokenLifetime(seconds: number): void {
    this.tokenLifetimeSeconds = seconds;
  }

  /** What a security-configuration change or a logout does: every issued token answers 401 from now on. */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  setCluster(enabled: boolean, running: boolean): void {
    this.state.cluster.enabled = enabled ? 'yes' : 'no';
    this.state.cluster.running = running ? 'yes' : 'no';
  }

  /** Lifts an address block caused by failed logins (Wazuh lifts it after `block_time`). */
  resetLoginBlock(): void {
    this.failedLogins = 0;
  }

  /** Every token issued so far, in order (to assert none of them reached a log). */
  get issuedTokens(): readonly string[] {
    return this.tokens.issued;
  }

  get loginRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === LOGIN_PATH);
  }

  get activeResponses(): readonly ActiveResponseRecord[] {
    return this.state.activeResponses;
  }

  get upgradeTasks(): readonly UpgradeTaskRecord[] {
    return this.state.upgradeTasks;
  }

  get restartRequests(): number {
    return this.state.restartRequests;
  }

  agent(id: string): FakeAgent | undefined {
    return this.state.agents.get(id);
  }

  /** Adds or replaces an agent (its groups must exist for group queries to list it). */
  putAgent(agent: FakeAgent): void {
    this.state.agents.set(agent.id, agent);
  }

  /** A data endpoint's 401 for a token it no longer accepts (error_handler.py v4.14.7). */
  protected override unauthorized(): FakeResponse {
    return unauthorized('Invalid token').toResponse();
  }

  protected handle(req: RecordedRequest): FakeResponse {
    try {
      if (req.path === LOGIN_PATH) return this.login(req);
      this.checkBearer(req);
      const found = matchRoute(ROUTES, req.method, req.path);
      if (found === 'method-not-allowed') {
        // InvalidHTTPMethodResponse (spec.yaml v4.14.7).
        return new WazuhProblem(
          405,
          'Method Not Allowed',
          'Specified method is invalid for this resource',
        ).toResponse();
      }
      if (!found) {
        // connexion's answer for an unknown path.
        return new WazuhProblem(404, 'Not Found', 'The requested URL was not found on the server.').toResponse();
      }
      return found.route.handler({ state: this.state, req, params: found.params, now: this.now() });
    } catch (err) {
      if (err instanceof WazuhProblem) return err.toResponse();
      throw err;
    }
  }

  /** `POST /security/user/authenticate` (GET is the deprecated twin); spec.yaml v4.14.7 and middlewares.py. */
  private login(req: RecordedRequest): FakeResponse {
    if (req.method !== 'POST' && req.method !== 'GET') {
      return new WazuhProblem(405, 'Method Not Allowed', 'Specified method is invalid for this resource').toResponse();
    }
    if (this.failedLogins >= this.maxLoginAttempts) {
      return new WazuhProblem(
        403,
        'Permission Denied',
        'Limit of login attempts reached. The current IP has been blocked due to a high number of login attempts',
      ).toResponse();
    }
    if (!this.basicMatches(req)) {
      this.failedLogins += 1;
      return unauthorized('Invalid credentials').toResponse();
    }
    const token = this.tokens.issue(this.username, this.tokenLifetimeSeconds, this.now());
    if (req.query['raw'] === 'true') return { status: 200, headers: { 'content-type': 'text/plain' }, body: token };
    return { status: 200, body: { data: { token }, error: 0 } };
  }

  private basicMatches(req: RecordedRequest): boolean {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
    if (!match) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return sameSecret(decoded.slice(0, colon), this.username) && sameSecret(decoded.slice(colon + 1), this.password);
  }

  /** Missing, forged, revoked and expired tokens all answer 401 (UnauthorizedResponse, spec.yaml v4.14.7). */
  private checkBearer(req: RecordedRequest): void {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('No authorization token provided');
    const verdict = this.tokens.check(match[1], this.now());
    if (verdict === 'expired') throw unauthorized('Token expired');
    if (verdict !== 'valid') throw unauthorized('Invalid token');
  }
}
