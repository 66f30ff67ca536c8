import { timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { contentRoutes } from './grafana-content-routes';
import { authnError, grafanaError, matchGrafanaRoute, type GrafanaIdentity } from './grafana-context';
import { orgRoutes } from './grafana-org-routes';
import { searchRoutes } from './grafana-search-route';
import { GrafanaStore, seedGrafana, type OrgRole } from './grafana-store';

export interface FakeGrafanaOptions extends FakeServerOptions {
  /** The seeded Grafana server admin. Default admin / admin. */
  username?: string;
  password?: string;
  /** `version` of `/api/health`; any string, to test clients against odd ones. Default 11.3.1. */
  version?: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const ROUTES = [...orgRoutes, ...contentRoutes, ...searchRoutes];

/**
 * A fake Grafana 10.x/11.x HTTP API, following the Grafana HTTP API reference (grafana/grafana
 * docs/sources/developers/http_api: other.md for /api/health, org.md, folder.md, data_source.md, dashboard.md,
 * folder_dashboard_search.md; auth.md for `X-Grafana-Org-Id`). Auth is Basic (users) or `Bearer` service-account
 * tokens, each token scoped to one organization; each route module cites the page its shapes follow.
 */
export class FakeGrafana extends FakeHttpServer {
  readonly store = new GrafanaStore();
  private version: string;
  private databaseOk = true;

  constructor(options: FakeGrafanaOptions = {}) {
    super(options);
    this.version = options.version ?? '11.3.1';
    seedGrafana(this.store, { login: options.username ?? 'admin', password: options.password ?? 'admin' });
  }

  static async start(options: FakeGrafanaOptions = {}): Promise<FakeGrafana> {
    return new FakeGrafana(options).start();
  }

  setVersion(version: string): void {
    this.version = version;
  }

  /** false: `/api/health` answers 503 with `"database": "failing"`. */
  setDatabaseOk(ok: boolean): void {
    this.databaseOk = ok;
  }

  /** Changes a user's password: clients still using the old one get 401 from now on ("401 mid-session"). */
  setPassword(login: string, password: string): void {
    const user = this.store.users.find((u) => u.login === login);
    if (!user) throw new Error(`no user ${login}`);
    user.password = password;
  }

  /** Adds a service-account token of one organization (`glsa_...` in real Grafana). */
  addServiceAccountToken(token: string, orgId = 1, role: OrgRole = 'Admin'): void {
    this.store.tokens.push({ token, name: `sa-${this.store.tokens.length + 1}`, orgId, role });
  }

  revokeToken(token: string): void {
    const index = this.store.tokens.findIndex((t) => t.token === token);
    if (index >= 0) this.store.tokens.splice(index, 1);
  }

  orgId(name: string): number | undefined {
    return this.store.orgs.find((o) => o.name === name)?.id;
  }

  protected override unauthorized(): FakeResponse {
    return authnError('auth.unauthorized', 'Unauthorized');
  }

  protected handle(req: RecordedRequest): FakeResponse {
    if (req.method === 'GET' && req.path === '/api/health') {
      // Health API (other.md): `{commit, database, version}`; no auth; 503 while the database check fails.
      const body = {
        commit: '0f7ad9bd0bde6cba3bd0d1c6c7f2ae2a1cc4d3f8',
        database: this.databaseOk ? 'ok' : 'failing',
        version: this.version,
      };
      return { status: this.databaseOk ? 200 : 503, body };
    }
    const identity = this.authenticate(req);
    if ('status' in identity) return identity;
    const found = matchGrafanaRoute(ROUTES, req.method, req.path);
    if (!found) return grafanaError(404, 'Not found');
    return found.route.handler({ store: this.store, identity, req, params: found.params });
  }

  private authenticate(req: RecordedRequest): GrafanaIdentity | FakeResponse {
    const header = typeof req.headers['authorization'] === 'string' ? req.headers['authorization'] : '';
    const orgHeader = req.headers['x-grafana-org-id'];
    const requestedOrg = typeof orgHeader === 'string' && orgHeader !== '' ? Number(orgHeader) : null;
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    if (bearer) {
      const token = this.store.tokens.find((t) => sameSecret(t.token, bearer[1]));
      if (!token) return authnError('api-key.invalid', 'Invalid API key');
      if (requestedOrg !== null && requestedOrg !== token.orgId) {
        return authnError('api-key.organization-mismatch', 'API key does not belong to the requested organization');
      }
      return { kind: 'token', login: token.name, isGrafanaAdmin: false, orgId: token.orgId, role: token.role };
    }
    const basic = /^Basic\s+(.+)$/i.exec(header);
    if (!basic) return this.unauthorized();
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = this.store.users.find(
      (u) =>
        colon > 0 && sameSecret(u.login, decoded.slice(0, colon)) && sameSecret(u.password, decoded.slice(colon + 1)),
    );
    if (!user) return authnError('password-auth.failed', 'Invalid username or password');
    const orgId = requestedOrg ?? [...user.orgs.keys()][0];
    const role = user.orgs.get(orgId);
    // A user outside the requested organization is answered as unauthenticated (seen as a 401 in grafana/grafana#11831).
    if (!role) return this.unauthorized();
    return { kind: 'user', login: user.login, isGrafanaAdmin: user.isGrafanaAdmin, orgId, role };
  }
}
