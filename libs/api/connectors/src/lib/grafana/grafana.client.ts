import { Logger } from '@nestjs/common';
import {
  bodyExcerpt,
  defaultOutboundFactory,
  UpstreamAuthError,
  UpstreamHttpError,
  type OutboundClientFactory,
  type OutboundHttp,
  type OutboundRequest,
  type OutboundResponse,
} from '@copilot/api-core';
import * as parse from './grafana.parse';
import {
  adminOrgsAuthError,
  checkCredentials,
  describeVerifyFailure,
  orgHeaders,
  orgScopedAuthError,
  refusal,
  requiredText,
  uidSegment,
  type AuthKind,
} from './grafana.requests';
import {
  GRAFANA,
  type CreateDatasourceInput,
  type CreateFolderInput,
  type GrafanaConfig,
  type GrafanaDashboardView,
  type GrafanaDatasource,
  type GrafanaFolder,
  type GrafanaHealth,
  type GrafanaOrg,
  type OrgScope,
  type SaveDashboardInput,
  type SavedDashboard,
  type SearchHit,
  type SearchOptions,
  type VerifyResult,
} from './grafana.types';

/**
 * Typed client of the Grafana 10.x/11.x HTTP API on the outbound helper. Org-scoped calls take `{orgId}` (sent as
 * `X-Grafana-Org-Id`); the admin organizations calls need Basic auth of a server admin. Creating something that exists
 * is a 409, a stale dashboard a 412, invalid input a 400; an unreachable or misbehaving Grafana a 503 naming it.
 */
export class GrafanaClient {
  readonly auth: AuthKind;
  private readonly http: OutboundHttp;
  private readonly username: string;
  private readonly logger = new Logger(`Connector:${GRAFANA}`);

  constructor(config: GrafanaConfig, outbound: OutboundClientFactory = defaultOutboundFactory) {
    const apiKey = config.apiKey?.trim();
    this.auth = apiKey ? 'token' : 'basic';
    this.username = config.username ?? '';
    checkCredentials(this.auth, this.username, apiKey);
    const authorization = apiKey
      ? `Bearer ${apiKey}`
      : `Basic ${Buffer.from(`${this.username}:${config.password ?? ''}`).toString('base64')}`;
    this.http = outbound.create({
      connector: GRAFANA,
      baseUrl: config.url,
      circuitKey: config.circuitKey,
      timeoutMs: config.timeoutMs,
      verifyTls: config.verifyTls,
      caPem: config.caPem,
      allowLinkLocal: config.allowLinkLocal,
      headers: { authorization },
    });
  }

  /** `GET /api/health` (no auth needed): database state and version; a failing database answers 503 with the same body. */
  async health(probe = false): Promise<GrafanaHealth> {
    const response = await this.http.request({ method: 'GET', path: '/api/health', acceptStatuses: [503], probe });
    if (response.status === 503) {
      let body: unknown;
      try {
        body = response.json<unknown>();
      } catch {
        body = undefined;
      }
      if (!parse.isObject(body) || typeof body['database'] !== 'string') {
        throw new UpstreamHttpError(
          GRAFANA,
          503,
          `HTTP 503 from GET /api/health: ${bodyExcerpt(response.text(), 200)}`,
          undefined,
        );
      }
    }
    return parse.parseHealth(response.json<unknown>());
  }

  /** Health check for the connector screen: health, then one authenticated read (`GET /api/org`). Never throws. */
  async verify(): Promise<VerifyResult> {
    let health: GrafanaHealth;
    try {
      health = await this.health(true);
    } catch (err) {
      return { ok: false, message: describeVerifyFailure(err, this.logger) };
    }
    const server = `Grafana ${health.version?.raw ?? '(version hidden)'}`;
    if (health.database !== 'ok')
      return { ok: false, message: `${server} is up but reports its database as ${health.database}` };
    try {
      const org = await this.currentOrg({}, true);
      const who = this.auth === 'token' ? 'service-account token' : `user "${this.username}"`;
      return {
        ok: true,
        message: `connected to ${server} (database ok); ${who} accepted in organization "${org.name}" (id ${org.id})`,
      };
    } catch (err) {
      if (!(err instanceof UpstreamAuthError)) return { ok: false, message: describeVerifyFailure(err, this.logger) };
      if (err.upstreamStatus === 403) {
        return {
          ok: false,
          message: `${server} is up and the credentials were accepted, but they may not read the organization: ${err.message}`,
        };
      }
      const why =
        this.auth === 'token'
          ? 'the service-account token is invalid, expired or revoked'
          : 'wrong username or password';
      return {
        ok: false,
        message: `${server} is up but the credentials were refused: ${why} (HTTP 401 from GET /api/org)`,
      };
    }
  }

  /** `GET /api/org`: the organization the credentials (or `orgId`) act in. */
  async currentOrg(scope: OrgScope = {}, probe = false): Promise<GrafanaOrg> {
    return parse.parseOrg(await this.json({ method: 'GET', path: '/api/org', probe }, scope), 'GET /api/org');
  }

  /** `GET /api/orgs` (server admin, Basic auth only). */
  async listOrgs(options: { query?: string; perpage?: number; page?: number } = {}): Promise<GrafanaOrg[]> {
    const request: OutboundRequest = {
      method: 'GET',
      path: '/api/orgs',
      query: { query: options.query, perpage: options.perpage ?? 1000, page: options.page ?? 1 },
    };
    return parse.parseOrgs(await this.adminJson(request, 'GET /api/orgs'));
  }

  /** `POST /api/orgs`: the new organization's id; ConflictError when the name is taken. */
  async createOrg(name: string): Promise<number> {
    const response = await this.admin(
      { method: 'POST', path: '/api/orgs', body: { name: requiredText('name', name) }, acceptStatuses: [400, 409] },
      'POST /api/orgs',
    );
    if (response.status !== 200) throw refusal(response, 'organization');
    return parse.parseCreatedOrg(response.json<unknown>());
  }

  /** `GET /api/orgs/name/{name}`, or null when there is no such organization. */
  async getOrgByName(name: string): Promise<GrafanaOrg | null> {
    const path = `/api/orgs/name/${encodeURIComponent(requiredText('name', name))}`;
    const response = await this.admin({ method: 'GET', path, acceptStatuses: [404] }, 'GET /api/orgs/name');
    return response.status === 404 ? null : parse.parseOrg(response.json<unknown>(), 'GET /api/orgs/name');
  }

  async listFolders(
    options: { parentUid?: string; limit?: number; page?: number } = {},
    scope: OrgScope = {},
  ): Promise<GrafanaFolder[]> {
    const parentUid = options.parentUid === undefined ? undefined : uidSegment('parentUid', options.parentUid);
    const query = { parentUid, limit: options.limit ?? 1000, page: options.page ?? 1 };
    return parse.parseFolders(await this.json({ method: 'GET', path: '/api/folders', query }, scope));
  }

  async createFolder(input: CreateFolderInput, scope: OrgScope = {}): Promise<GrafanaFolder> {
    const body = {
      title: requiredText('title', input.title),
      ...(input.uid !== undefined ? { uid: uidSegment('uid', input.uid) } : {}),
      ...(input.parentUid !== undefined ? { parentUid: uidSegment('parentUid', input.parentUid) } : {}),
    };
    const response = await this.send({ method: 'POST', path: '/api/folders', body, acceptStatuses: [400, 409] }, scope);
    if (response.status !== 200) throw refusal(response, 'folder');
    return parse.parseFolder(response.json<unknown>(), 'POST /api/folders');
  }

  async listDatasources(scope: OrgScope = {}): Promise<GrafanaDatasource[]> {
    return parse.parseDatasources(await this.json({ method: 'GET', path: '/api/datasources' }, scope));
  }

  /** `POST /api/datasources`; secrets go in `secureJsonData`, which Grafana stores encrypted and never returns. */
  async createDatasource(input: CreateDatasourceInput, scope: OrgScope = {}): Promise<GrafanaDatasource> {
    const { secureJsonData, ...rest } = input;
    const body = {
      ...rest,
      name: requiredText('name', input.name),
      type: requiredText('type', input.type),
      access: input.access ?? 'proxy',
      ...(input.uid !== undefined ? { uid: uidSegment('uid', input.uid) } : {}),
      // Last, so that the start of the body that debug logs show holds the least secret material.
      ...(secureJsonData ? { secureJsonData } : {}),
    };
    const response = await this.send(
      { method: 'POST', path: '/api/datasources', body, acceptStatuses: [400, 409] },
      scope,
    );
    if (response.status !== 200) throw refusal(response, 'data source');
    const created = response.json<unknown>();
    return parse.parseDatasource(parse.isObject(created) ? created['datasource'] : undefined, 'POST /api/datasources');
  }

  /** `DELETE /api/datasources/uid/{uid}`: false when it did not exist. */
  async deleteDatasource(uid: string, scope: OrgScope = {}): Promise<boolean> {
    const path = `/api/datasources/uid/${uidSegment('uid', uid)}`;
    const response = await this.send({ method: 'DELETE', path, acceptStatuses: [404] }, scope);
    return response.status !== 404;
  }

  /** `POST /api/dashboards/db`: create or update; PreconditionFailedError (412) for name-exists / version-mismatch. */
  async saveDashboard(input: SaveDashboardInput, scope: OrgScope = {}): Promise<SavedDashboard> {
    const uid = input.dashboard.uid ? uidSegment('dashboard.uid', input.dashboard.uid) : null;
    const title = requiredText('dashboard.title', input.dashboard.title);
    // Without a uid the dashboard is new: a stale numeric id would otherwise address another dashboard.
    const dashboard: Record<string, unknown> = { ...input.dashboard, title, uid, ...(uid ? {} : { id: null }) };
    const body = {
      dashboard,
      ...(input.folderUid !== undefined ? { folderUid: uidSegment('folderUid', input.folderUid) } : {}),
      overwrite: input.overwrite === true,
      ...(input.message ? { message: input.message } : {}),
    };
    // Overwriting a fixed uid leaves the same dashboard when repeated, so only that form may be retried.
    const idempotent = uid !== null && input.overwrite === true;
    const response = await this.send(
      { method: 'POST', path: '/api/dashboards/db', body, idempotent, acceptStatuses: [400, 412] },
      scope,
    );
    if (response.status !== 200) throw refusal(response, 'dashboard');
    return parse.parseSavedDashboard(response.json<unknown>());
  }

  /** `GET /api/dashboards/uid/{uid}`, or null when there is no such dashboard. */
  async getDashboard(uid: string, scope: OrgScope = {}): Promise<GrafanaDashboardView | null> {
    const path = `/api/dashboards/uid/${uidSegment('uid', uid)}`;
    const response = await this.send({ method: 'GET', path, acceptStatuses: [404] }, scope);
    return response.status === 404 ? null : parse.parseDashboard(response.json<unknown>(), 'GET /api/dashboards/uid');
  }

  /** `GET /api/search`; several folders are searched one request each and merged (uids deduplicated). */
  async search(options: SearchOptions = {}, scope: OrgScope = {}): Promise<SearchHit[]> {
    const limit = Math.min(Math.max(1, options.limit ?? 1000), 5000);
    const base = { query: options.query, type: options.type, tag: options.tag, limit, page: options.page ?? 1 };
    const folders = (options.folderUIDs ?? []).map((uid) => uidSegment('folderUIDs', uid));
    const queries = folders.length ? folders.map((folderUIDs) => ({ ...base, folderUIDs })) : [base];
    const pages = await Promise.all(
      queries.map(async (query) =>
        parse.parseSearch(await this.json({ method: 'GET', path: '/api/search', query }, scope)),
      ),
    );
    const seen = new Set<string>();
    return pages
      .flat()
      .filter((hit) => !seen.has(hit.uid) && seen.add(hit.uid))
      .slice(0, limit);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async send(request: OutboundRequest, scope: OrgScope): Promise<OutboundResponse> {
    try {
      return await this.http.request({ ...request, headers: { ...request.headers, ...orgHeaders(scope) } });
    } catch (err) {
      throw orgScopedAuthError(err, scope, this.auth);
    }
  }

  private async json(request: OutboundRequest, scope: OrgScope): Promise<unknown> {
    return (await this.send(request, scope)).json<unknown>();
  }

  private async admin(request: OutboundRequest, call: string): Promise<OutboundResponse> {
    try {
      return await this.http.request(request);
    } catch (err) {
      throw adminOrgsAuthError(err, this.auth, call);
    }
  }

  private async adminJson(request: OutboundRequest, call: string): Promise<unknown> {
    return (await this.admin(request, call)).json<unknown>();
  }
}
