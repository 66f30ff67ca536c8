import { timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { eventRoutes } from './graylog-event-routes';
import { systemRoutes } from './graylog-routes';
import {
  IDS,
  SEED_ROLES,
  seedIndexSets,
  seedIndexSetStats,
  seedInputs,
  seedInputStates,
  seedJournal,
  seedMetrics,
  seedStreams,
} from './graylog-seed';
import {
  seedEventDefinitions,
  seedEvents,
  seedNotifications,
  seedPipelines,
  seedRules,
} from './graylog-seed-processing';
import {
  apiError,
  matchGraylogRoute,
  type FakeGraylogCaller,
  type FakeGraylogState,
  type FakeGraylogUser,
  type GraylogRoute,
  type Json,
} from './graylog-state';

export interface FakeGraylogUserSeed {
  username: string;
  password: string;
  /** Role names; `Admin` may do everything, anything else reads only. Default `['Reader']`. */
  roles?: string[];
}

export interface FakeGraylogOptions extends FakeServerOptions {
  /** The administrator account. Default `admin` / `admin`. */
  username?: string;
  password?: string;
  /** Further accounts, e.g. a Reader-only user. */
  users?: FakeGraylogUserSeed[];
  /** Access tokens: token value → username (sent as Basic `<token>:token`). */
  tokens?: Record<string, string>;
  /** `version` of `GET /api/system`: any string, to test clients against odd ones. Default `6.1.4+9b04f4d`. */
  version?: string;
  /** Seeded events are spread back from this time (epoch ms). Default: now. */
  now?: number;
}

const ROUTES: GraylogRoute[] = [...systemRoutes, ...eventRoutes];
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fake Graylog 6.1 server speaking its REST API under `/api` (Graylog 6.1 REST API reference, the Swagger
 * document each node serves; response models of Graylog2/graylog2-server 6.1.10, cited per route). Behaviour
 * copied from the server: HTTP Basic auth with a user's password or an access token (`<token>:token`), a 401
 * with `WWW-Authenticate: Basic realm="Graylog Server"` and an empty body otherwise, and the CSRF filter that
 * refuses every non-GET request lacking an `X-Requested-By` header with a 400 ApiError.
 */
export class FakeGraylog extends FakeHttpServer {
  readonly state: FakeGraylogState;

  constructor(options: FakeGraylogOptions = {}) {
    super(options);
    const admin: FakeGraylogUser = {
      id: '65f0c0ffe4b0a1b2c3d4e300',
      username: options.username ?? 'admin',
      password: options.password ?? 'admin',
      fullName: 'Administrator',
      email: 'admin@example.internal',
      roles: ['Admin'],
    };
    const others = (options.users ?? []).map((seed, i): FakeGraylogUser => ({
      id: `65f0c0ffe4b0a1b2c3d4e3${String(i + 1).padStart(2, '0')}`,
      username: seed.username,
      password: seed.password,
      fullName: seed.username,
      email: `${seed.username}@example.internal`,
      roles: seed.roles ?? ['Reader'],
    }));
    const inputs = seedInputs();
    this.state = {
      system: {
        version: options.version ?? '6.1.4+9b04f4d',
        clusterId: '3f1c2a8e-5b7d-4c9e-8a21-6d0f4b3e9c17',
        nodeId: '9a7e54c1-0b2d-4f8e-a6c3-1e5d7b9f2a04',
        hostname: 'graylog-node-1',
        lifecycle: 'running',
        isProcessing: true,
        startedAt: '2024-05-01T06:00:00.000Z',
        timezone: 'UTC',
      },
      users: [admin, ...others],
      roles: SEED_ROLES.map((role) => ({ ...role })),
      tokens: new Map(Object.entries(options.tokens ?? {})),
      inputs,
      inputStates: seedInputStates(inputs),
      indexSets: seedIndexSets(),
      indexSetStats: seedIndexSetStats(),
      streams: seedStreams(),
      pipelines: seedPipelines(),
      rules: seedRules(),
      eventDefinitions: seedEventDefinitions(),
      notifications: seedNotifications(),
      events: seedEvents(options.now ?? Date.now()),
      metrics: seedMetrics(),
      journal: seedJournal(),
    };
  }

  /** Creates and starts a fake; `await fake.stop()` when done. */
  static async start(options: FakeGraylogOptions = {}): Promise<FakeGraylog> {
    return new FakeGraylog(options).start();
  }

  /** Well-known ids of the seeded entities (streams, inputs, index sets). */
  static readonly ids = IDS;

  setVersion(version: string): void {
    this.state.system.version = version;
  }

  /** E.g. `('paused', false)` after an operator paused message processing on the node. */
  setLifecycle(lifecycle: string, isProcessing: boolean): void {
    this.state.system.lifecycle = lifecycle;
    this.state.system.isProcessing = isProcessing;
  }

  /** Changes a password: clients still using the old one get 401 from now on ("401 mid-session"). */
  setPassword(username: string, password: string): void {
    this.user(username).password = password;
  }

  setRoles(username: string, roles: string[]): void {
    this.user(username).roles = roles;
  }

  addToken(token: string, username: string): void {
    this.user(username);
    this.state.tokens.set(token, username);
  }

  revokeToken(token: string): void {
    this.state.tokens.delete(token);
  }

  stream(id: string): Json | undefined {
    return this.state.streams.find((stream) => stream['id'] === id);
  }

  protected override unauthorized(): FakeResponse {
    return { status: 401, headers: { 'www-authenticate': 'Basic realm="Graylog Server"' } };
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (req.path !== '/api' && !req.path.startsWith('/api/')) return this.webInterface(req);
    const caller = this.authenticate(req);
    if (!caller) {
      const response = this.unauthorized();
      // NotAuthorizedResponseFilter: browsers (X-Requested-With: XMLHttpRequest) get no Basic challenge.
      if (String(req.headers['x-requested-with'] ?? '').toLowerCase() === 'xmlhttprequest') return { status: 401 };
      return response;
    }
    if (!READ_METHODS.has(req.method) && req.headers['x-requested-by'] === undefined) {
      return apiError(400, 'CSRF protection header is missing. Please add a "X-Requested-By" header to your request.');
    }
    const found = matchGraylogRoute(ROUTES, req.method, req.path.slice('/api'.length));
    if (!found) return apiError(404, 'HTTP 404 Not Found');
    if ('methodNotAllowed' in found) return apiError(405, 'HTTP 405 Method Not Allowed');
    const response = found.route.handler(this.state, req, found.params, caller);
    return { ...response, headers: { 'x-graylog-node-id': this.state.system.nodeId, ...(response.headers ?? {}) } };
  }

  private user(username: string): FakeGraylogUser {
    const found = this.state.users.find((u) => u.username === username);
    if (!found) throw new Error(`fake Graylog has no user ${username}`);
    return found;
  }

  private authenticate(req: RecordedRequest): FakeGraylogCaller | null {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
    if (!match) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const name = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    if (secret === 'token') {
      // AccessTokenAuthenticator: the token is the user name, the literal "token" the password.
      const owner = [...this.state.tokens.entries()].find(([token]) => sameSecret(token, name))?.[1];
      const user = owner ? this.state.users.find((u) => u.username === owner) : undefined;
      return user ? { user, viaToken: true } : null;
    }
    const user = this.state.users.find((u) => sameSecret(u.username, name));
    return user && sameSecret(user.password, secret) ? { user, viaToken: false } : null;
  }

  /** Outside `/api` a Graylog node serves its web interface (a single-page app) to anyone. */
  private webInterface(req: RecordedRequest): FakeResponse {
    if (req.method !== 'GET')
      return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'Method Not Allowed' };
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>Graylog Web Interface</title></head><body><div id="app-root"></div></body></html>',
    };
  }
}
