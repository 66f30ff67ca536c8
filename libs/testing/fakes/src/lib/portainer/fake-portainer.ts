import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { PortainerJwtIssuer } from './portainer-jwt';
import {
  seedPortainerEndpoints,
  seedPortainerStacks,
  type FakePortainerEndpoint,
  type FakePortainerStack,
} from './portainer-seed';
import { portainerError, stackRoute, type StackState } from './portainer-stacks';

export interface FakePortainerOptions extends FakeServerOptions {
  username?: string;
  password?: string;
  /** Access tokens accepted in `X-API-Key` (Portainer's are `ptr_` followed by base64). */
  accessTokens?: string[];
  /** `Version` of `GET /api/system/status`; any string, to test clients against odd ones. Default 2.21.4. */
  version?: string;
  /** Lifetime of issued JWTs in seconds. Default 8 h, Portainer's default session length. */
  tokenTtlSeconds?: number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fake Portainer CE speaking its REST API as documented by the swagger annotations in Portainer's
 * api/http/handler (github.com/portainer/portainer, API version 2.23.0, commit cc75167): `POST /api/auth`
 * (`{Username, Password}` → `{jwt}`, 422 "Invalid credentials"), JWT bearer or `X-API-Key` access tokens
 * (api/http/security/bouncer.go: 401 "A valid authorization token is missing" / "Invalid JWT token"),
 * `GET /api/system/status`, `GET /api/endpoints[/{id}]` and the stack routes of portainer-stacks.ts.
 */
export class FakePortainer extends FakeHttpServer {
  readonly jwt = new PortainerJwtIssuer();
  private readonly state: StackState;
  private password: string;
  private readonly accessTokens: Set<string>;
  private version: string;
  private readonly tokenTtlSeconds: number;
  private readonly instanceId = randomUUID();

  constructor(options: FakePortainerOptions = {}) {
    super(options);
    this.password = options.password ?? 'portainer-admin-pass';
    this.accessTokens = new Set(options.accessTokens ?? []);
    this.version = options.version ?? '2.21.4';
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 8 * 3_600;
    this.state = {
      endpoints: new Map(seedPortainerEndpoints().map((e) => [e.Id, e])),
      stacks: new Map(seedPortainerStacks().map((s) => [s.Id, s])),
      nextStackId: 7,
      username: options.username ?? 'admin',
    };
  }

  static async start(options: FakePortainerOptions = {}): Promise<FakePortainer> {
    return new FakePortainer(options).start();
  }

  get username(): string {
    return this.state.username;
  }

  /** Changes the password and ends every session, as a password change does: old JWTs answer 401. */
  setPassword(password: string): void {
    this.password = password;
    this.jwt.revokeAll();
  }

  /** Ends every session without changing the password ("401 mid-session"; a fresh login works). */
  revokeSessions(): void {
    this.jwt.revokeAll();
  }

  setVersion(version: string): void {
    this.version = version;
  }

  stack(id: number): FakePortainerStack | undefined {
    return this.state.stacks.get(id);
  }

  stacks(): FakePortainerStack[] {
    return [...this.state.stacks.values()];
  }

  endpoints(): FakePortainerEndpoint[] {
    return [...this.state.endpoints.values()];
  }

  /** Login requests received so far. */
  loginCount(): number {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth').length;
  }

  protected override unauthorized(): FakeResponse {
    return portainerError(401, 'Invalid JWT token', 'Unauthorized');
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (req.method === 'GET' && req.path === '/api/system/status') {
      // system/status.go, access policy public: portainer.Status {Version, InstanceID}.
      return { status: 200, body: { Version: this.version, InstanceID: this.instanceId } };
    }
    if (req.method === 'POST' && req.path === '/api/auth') return this.login(req);
    const denied = this.authenticate(req);
    if (denied) return denied;
    if (req.method === 'GET' && req.path === '/api/endpoints') {
      // endpoint_list.go: `@success 200 {array} portainer.Endpoint`, total in the X-Total-Count header.
      const endpoints = this.endpoints();
      return { status: 200, headers: { 'x-total-count': String(endpoints.length) }, body: endpoints };
    }
    const endpoint = /^\/api\/endpoints\/(\d+)$/.exec(req.path);
    if (endpoint && req.method === 'GET') {
      const found = this.state.endpoints.get(Number(endpoint[1]));
      return found
        ? { status: 200, body: found }
        : portainerError(
            404,
            'Unable to find an environment with the specified identifier inside the database',
            'Object not found inside the database',
          );
    }
    const stack = req.path.startsWith('/api/stacks') ? stackRoute(this.state, req) : undefined;
    // Go's mux answers an unknown route with a plain-text 404.
    return (
      stack ?? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' }
    );
  }

  /** auth/authenticate.go: 400 for a malformed payload, 422 "Invalid credentials", 200 `{jwt}`. */
  private login(req: RecordedRequest): FakeResponse {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return portainerError(400, 'Invalid request payload', 'Invalid JSON payload');
    }
    const username = body['username'] ?? body['Username'];
    const password = body['password'] ?? body['Password'];
    if (typeof username !== 'string' || username === '')
      return portainerError(400, 'Invalid request payload', 'Invalid username');
    if (typeof password !== 'string' || password === '')
      return portainerError(400, 'Invalid request payload', 'Invalid password');
    if (!sameSecret(username, this.state.username) || !sameSecret(password, this.password)) {
      return portainerError(422, 'Invalid credentials', 'Unauthorized');
    }
    return { status: 200, body: { jwt: this.jwt.issue({ id: 1, username, role: 1 }, this.tokenTtlSeconds) } };
  }

  /** bouncer.go: an access token in X-API-Key, else a bearer JWT; null when the request may proceed. */
  private authenticate(req: RecordedRequest): FakeResponse | null {
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      return [...this.accessTokens].some((token) => sameSecret(token, apiKey))
        ? null
        : portainerError(401, 'Unauthorized', 'Unauthorized');
    }
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
    if (!match) return portainerError(401, 'A valid authorization token is missing', 'Unauthorized');
    return this.jwt.verify(match[1].trim()) ? null : this.unauthorized();
  }
}
