import { timingSafeEqual } from 'node:crypto';
import {
  FakeHttpServer,
  type FakeResponse,
  type FakeServerOptions,
  type RecordedRequest,
} from '../http/fake-http-server';
import { encodeAnnotatedCsv } from './annotated-csv';
import { executeFlux, FluxQueryFailure } from './flux-exec';
import { FluxCompileError } from './flux-lexer';
import { parseFlux } from './flux-parser';
import { InfluxStore, seedMonitoringData, type InfluxOrg } from './influx-store';

export interface FakeInfluxDBOptions extends FakeServerOptions {
  /** The one API token accepted. Default `copilot-influx-token`. */
  token?: string;
  /** Organization seeded with buckets, points and checks. Default `SOCFortress`. */
  org?: string;
  /** `X-Influxdb-Version` of `/ping`; any string, or null for none (as InfluxDB Cloud). Default `v2.7.10`. */
  version?: string | null;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The InfluxDB v2 error envelope (openapi src/common/schemas/Error.yml): `{code, message}`. */
const apiError = (status: number, code: string, message: string): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: { code, message },
});

/**
 * A fake InfluxDB OSS 2.x following the InfluxDB OSS v2 API reference, v2.7 (docs.influxdata.com/influxdb/v2/api,
 * and the influxdata/openapi definitions it is generated from): `/ping`, `/api/v2/orgs`, `/api/v2/query` (a Flux
 * subset, see flux-exec.ts) and `/api/v2/checks`. Token auth: `Authorization: Token <token>` (the reference also accepts
 * `Bearer`); anything else gets 401 `{"code":"unauthorized","message":"unauthorized access"}`.
 */
export class FakeInfluxDB extends FakeHttpServer {
  readonly store = new InfluxStore();
  private token: string;
  private version: string | null;
  private midStreamErrors: string[] = [];
  readonly orgName: string;

  constructor(options: FakeInfluxDBOptions = {}) {
    super(options);
    this.token = options.token ?? 'copilot-influx-token';
    this.version = options.version === undefined ? 'v2.7.10' : options.version;
    this.orgName = options.org ?? 'SOCFortress';
    seedMonitoringData(this.store, this.orgName, Date.now());
  }

  static async start(options: FakeInfluxDBOptions = {}): Promise<FakeInfluxDB> {
    return new FakeInfluxDB(options).start();
  }

  get org(): InfluxOrg {
    const org = this.store.orgByName(this.orgName);
    if (!org) throw new Error('seeded organization missing');
    return org;
  }

  /** Changes the accepted token: clients holding the old one get 401 from now on ("401 mid-session"). */
  setToken(token: string): void {
    this.token = token;
  }

  setVersion(version: string | null): void {
    this.version = version;
  }

  /** The next query answers 200 with its first table, then an error table (an error after partial results). */
  failNextQueryMidStream(message: string): void {
    this.midStreamErrors.push(message);
  }

  protected override unauthorized(): FakeResponse {
    return apiError(401, 'unauthorized', 'unauthorized access');
  }

  protected handle(req: RecordedRequest): FakeResponse {
    // Ping (api/ping, v2): 204 with version headers, no auth needed.
    if (req.path === '/ping' && (req.method === 'GET' || req.method === 'HEAD')) {
      const headers: Record<string, string> = { 'x-influxdb-build': 'OSS' };
      if (this.version !== null) headers['x-influxdb-version'] = this.version;
      return { status: 204, headers };
    }
    if (!this.authorized(req)) return this.unauthorized();
    if (req.method === 'GET' && req.path === '/api/v2/orgs') return this.listOrgs(req);
    if (req.method === 'POST' && req.path === '/api/v2/query') return this.query(req);
    if (req.method === 'GET' && req.path === '/api/v2/checks') return this.listChecks(req);
    const check = /^\/api\/v2\/checks\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && check) return this.getCheck(check[1]);
    return apiError(404, 'not found', 'path not found');
  }

  private authorized(req: RecordedRequest): boolean {
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^(?:Token|Bearer)\s+(.+)$/.exec(header) : null;
    return match !== null && sameSecret(match[1], this.token);
  }

  /** List organizations (paths/orgs.yml: GET, filters `org` and `orgID`; schemas/Organizations.yml). */
  private listOrgs(req: RecordedRequest): FakeResponse {
    const { org: name, orgID } = req.query;
    let orgs = this.store.orgs;
    if (name !== undefined) {
      orgs = orgs.filter((o) => o.name === name);
      if (orgs.length === 0) return apiError(404, 'not found', `organization name "${name}" not found`);
    }
    if (orgID !== undefined) {
      orgs = orgs.filter((o) => o.id === orgID);
      if (orgs.length === 0) return apiError(404, 'not found', 'organization not found');
    }
    return {
      status: 200,
      body: {
        links: { self: '/api/v2/orgs' },
        orgs: orgs.map((o) => ({
          ...o,
          status: 'active',
          links: {
            self: `/api/v2/orgs/${o.id}`,
            buckets: `/api/v2/buckets?org=${encodeURIComponent(o.name)}`,
            members: `/api/v2/orgs/${o.id}/members`,
          },
        })),
      },
    };
  }

  private resolveOrg(req: RecordedRequest): InfluxOrg | FakeResponse {
    const { org, orgID } = req.query;
    if (org === undefined && orgID === undefined) return apiError(400, 'invalid', 'Please provide either orgID or org');
    // The reference: `org` takes an ID or a name and wins over `orgID`.
    const found =
      org !== undefined ? (this.store.orgById(org) ?? this.store.orgByName(org)) : this.store.orgById(orgID ?? '');
    return found ?? apiError(404, 'not found', `organization name "${org ?? orgID}" not found`);
  }

  /** Query data (paths/query.yml): raw Flux (`application/vnd.flux`) or JSON `{query, type, dialect}`. */
  private query(req: RecordedRequest): FakeResponse {
    const org = this.resolveOrg(req);
    if ('status' in org) return org;
    const type = String(req.headers['content-type'] ?? 'application/json')
      .split(';')[0]
      .trim();
    let script = req.body;
    let annotations = false;
    if (type !== 'application/vnd.flux') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.body);
      } catch (err) {
        return apiError(
          400,
          'invalid',
          `failed parsing request body as JSON; if sending a raw Flux script, set 'Content-Type: application/vnd.flux' in your request headers: ${String(err)}`,
        );
      }
      const body = (parsed ?? {}) as { query?: unknown; dialect?: { annotations?: unknown } };
      script = typeof body.query === 'string' ? body.query : '';
      annotations = Array.isArray(body.dialect?.annotations) && body.dialect.annotations.length > 0;
    }
    if (script.trim() === '') return apiError(400, 'invalid', 'request body requires either query or AST');
    try {
      const output = executeFlux(parseFlux(script), this.store, org.id, Date.now());
      const midStreamError = this.midStreamErrors.shift();
      return {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        body: encodeAnnotatedCsv(output, { annotations, midStreamError }),
      };
    } catch (err) {
      if (err instanceof FluxCompileError) return apiError(400, 'invalid', `compilation failed: ${err.message}`);
      if (err instanceof FluxQueryFailure) return apiError(err.status, err.code, err.message);
      throw err;
    }
  }

  /** Get all checks (paths/checks.yml: `orgID` required; schemas/Checks.yml `{checks, links}`). */
  private listChecks(req: RecordedRequest): FakeResponse {
    const orgID = req.query['orgID'];
    if (!orgID) return apiError(400, 'invalid', 'Please provide either orgID or org');
    const offset = Number(req.query['offset'] ?? 0);
    const limit = Number(req.query['limit'] ?? 20);
    const checks = this.store.checks.filter((c) => c.orgID === orgID).slice(offset, offset + limit);
    return {
      status: 200,
      body: {
        checks,
        links: { self: `/api/v2/checks?descending=false&limit=${limit}&offset=${offset}&orgID=${orgID}` },
      },
    };
  }

  /** Get a check (paths/checks_checkID.yml): the check, or 404 `{code: "not found"}`. */
  private getCheck(id: string): FakeResponse {
    if (!/^[0-9a-f]{16}$/.test(id)) return apiError(400, 'invalid', 'id must have a length of 16 bytes');
    const check = this.store.checks.find((c) => c.id === id);
    return check ? { status: 200, body: check } : apiError(404, 'not found', 'check not found');
  }
}
