import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../openapi';
import { TestApp } from '../testing/harness';
import { uploadFile } from './case-file-helpers';

/**
 * Generated from the live OpenAPI document, route by route: no token → 401 unless x-public; each
 * role gets 403 exactly where x-scopes leaves it out; a customer user and a customer-limited
 * analyst get 404 for every id-bearing route given another customer's ids, and nothing changes.
 * A new route fails here until it is classified below, so none can slip past the matrix.
 */
type Role = 'admin' | 'analyst' | 'analystA' | 'customerA' | 'scheduler';
interface Route {
  method: string;
  path: string;
  scopes: string[] | null;
  isPublic: boolean;
}
interface Fixtures {
  customerA: { id: number };
  customerB: { id: number };
  alertA: { id: number };
  alertB: { id: number };
  userId: number;
  runId: string;
  sourceId: number;
  caseA: { id: number; taskId: number };
  caseB: { id: number; taskId: number };
  templateA: { id: number };
  templateB: { id: number };
  fileA: string;
  fileB: string;
}

type Params = Record<string, string | number>;
const caseOf = (fx: Fixtures, o: 'A' | 'B') => (o === 'A' ? fx.caseA : fx.caseB);

/**
 * Path params of routes over tenant-owned rows → the id of customer A's row, or of the OTHER customer's (B's);
 * routes with more than one param give them all.
 */
const TENANT_OWNED: Record<string, (fx: Fixtures, owner: 'A' | 'B') => string | number | Params> = {
  '/api/customers/{id}': (fx, o) => (o === 'A' ? fx.customerA : fx.customerB).id,
  '/api/customers/{id}/deactivate': (fx, o) => (o === 'A' ? fx.customerA : fx.customerB).id,
  '/api/customers/{id}/activate': (fx, o) => (o === 'A' ? fx.customerA : fx.customerB).id,
  '/api/incidents/alerts/{id}': (fx, o) => (o === 'A' ? fx.alertA : fx.alertB).id,
  '/api/incidents/alerts/{id}/comments': (fx, o) => (o === 'A' ? fx.alertA : fx.alertB).id,
  '/api/incidents/alerts/{id}/documents': (fx, o) => (o === 'A' ? fx.alertA : fx.alertB).id,
  '/api/incidents/cases/{id}': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/alerts': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/alerts/{alertId}': (fx, o) => ({ id: caseOf(fx, o).id, alertId: (o === 'A' ? fx.alertA : fx.alertB).id }),
  '/api/incidents/cases/{id}/comments': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/tasks': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/tasks/{taskId}': (fx, o) => ({ id: caseOf(fx, o).id, taskId: caseOf(fx, o).taskId }),
  '/api/incidents/case-templates/{id}': (fx, o) => (o === 'A' ? fx.templateA : fx.templateB).id,
  '/api/incidents/cases/{id}/files': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/files/{fileId}': (fx, o) => ({ id: caseOf(fx, o).id, fileId: o === 'A' ? fx.fileA : fx.fileB }),
  '/api/incidents/cases/{id}/report/docx': (fx, o) => caseOf(fx, o).id,
  '/api/incidents/cases/{id}/report/pdf': (fx, o) => caseOf(fx, o).id,
};
const tenantParams = (path: string, fx: Fixtures, owner: 'A' | 'B'): Params => {
  const v = TENANT_OWNED[path](fx, owner);
  return typeof v === 'object' ? v : { id: v };
};

/**
 * Valid bodies for the 404 check, so a tenant-owned route reaches its lookup instead of stopping at
 * validation; each would change the row if the lookup let it through.
 */
const HIJACK_BODIES: Record<string, unknown> = {
  'PATCH /api/customers/{id}': { name: 'hijacked', notes: 'hijacked' },
  'PATCH /api/incidents/alerts/{id}': { status: 'CLOSED' },
  'POST /api/incidents/alerts/{id}/comments': { body: 'hijacked' },
  'PATCH /api/incidents/cases/{id}': { status: 'CLOSED', name: 'hijacked' },
  'POST /api/incidents/cases/{id}/alerts': { alertIds: [1] },
  'POST /api/incidents/cases/{id}/comments': { body: 'hijacked' },
  'POST /api/incidents/cases/{id}/tasks': { title: 'hijacked' },
  'PATCH /api/incidents/cases/{id}/tasks/{taskId}': { status: 'DONE' },
  'PUT /api/incidents/case-templates/{id}': { name: 'hijacked', customerCode: 'matrix-a' },
  'POST /api/incidents/cases/{id}/report/docx': { template: 'matrix.docx' },
};

/** Required query parameters, so a route reaches its lookup instead of stopping at validation. */
const QUERIES: Record<string, string> = {
  'GET /api/incidents/alerts/{id}/documents': '?indexName=wazuh-alerts-x&docId=d1',
};
const withQuery = (r: { method: string; path: string }, url: string) => url + (QUERIES[`${r.method} ${r.path}`] ?? '');

/** Id-bearing routes over rows no customer owns, with what fills their params. */
const NOT_TENANT_OWNED: Record<string, (fx: Fixtures) => Record<string, string | number>> = {
  '/api/users/{id}': (fx) => ({ id: fx.userId }),
  '/api/users/{id}/customers': (fx) => ({ id: fx.userId }),
  '/api/users/{id}/password': (fx) => ({ id: fx.userId }),
  '/api/scheduler/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/{id}/runs': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/next_run/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/jobs/run/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/pause/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/start/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/update/{id}': () => ({ id: 'prune_audit_log' }),
  '/api/scheduler/runs/{runId}': (fx) => ({ runId: fx.runId }),
  // Id 1 is a global connector seeded at boot (visible to every admin/analyst; DELETE answers 409). Customer-owned
  // connector instances, which need fixtures this table cannot create, are proven 404 in connectors.int-spec.ts.
  '/api/connectors/{id}': () => ({ id: 1 }),
  '/api/connectors/{id}/file': () => ({ id: 1 }),
  '/api/connectors/verify/{id}': () => ({ id: 1 }),
  '/api/incidents/sources/{id}': (fx) => ({ id: fx.sourceId }),
  // Report templates are global; DELETE of this (absent) one answers 404 to the roles allowed to call it.
  '/api/incidents/case-report-templates/{name}': () => ({ name: 'matrix.docx' }),
};

const ROLE_OF: Record<Role, string> = { admin: 'admin', analyst: 'analyst', analystA: 'analyst', customerA: 'customer_user', scheduler: 'scheduler' };

function routesOf(doc: OpenAPIObject): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, Record<string, unknown>>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push({ method: method.toUpperCase(), path, scopes: (op['x-scopes'] as string[] | undefined) ?? null, isPublic: op['x-public'] === true });
    }
  }
  return out;
}

function fill(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(String(values[name]));
  });
}

describe('access matrix generated from the OpenAPI document', () => {
  let t: TestApp;
  let routes: Route[];
  let fx: Fixtures;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    routes = routesOf(buildOpenApiDocument(t.app));
    tokens.admin = await t.adminToken();
    const customerA = await t.createCustomer(tokens.admin, 'matrix-a');
    const customerB = await t.createCustomer(tokens.admin, 'matrix-b');
    tokens.analyst = (await t.createUser(tokens.admin, 'matrix-analyst', 'analyst')).token;
    tokens.analystA = (await t.createUser(tokens.admin, 'matrix-analyst-a', 'analyst', ['matrix-a'])).token;
    tokens.customerA = (await t.createUser(tokens.admin, 'matrix-customer-a', 'customer_user', ['matrix-a'])).token;
    tokens.scheduler = await t.tokenFor(await t.schedulerUserId(), 'scheduler', 'scheduler');
    const victim = await t.createUser(tokens.admin, 'matrix-victim', 'analyst');
    const alert = async (customerCode: string) => {
      const res = await t.request<{ id: number }>('POST', '/api/incidents/alerts', { token: tokens.admin, body: { title: 'Matrix', severity: 'Low', source: 'matrix', customerCode } });
      if (res.status !== 201) throw new Error(`create alert: ${res.status} ${res.text}`);
      return res.body;
    };
    const [alertA, alertB] = [await alert('matrix-a'), await alert('matrix-b')];
    const run = await t.request<{ id: string }>('POST', '/api/scheduler/jobs/run/prune_audit_log', { token: tokens.admin });
    if (run.status !== 202) throw new Error(`run-now: ${run.status} ${run.text}`);
    const source = await t.request<{ id: number }>('POST', '/api/incidents/sources', { token: tokens.admin, body: { name: 'matrix', indexPattern: 'wazuh-alerts-*' } });
    if (source.status !== 201) throw new Error(`create source: ${source.status} ${source.text}`);
    const post = async <T>(url: string, body: unknown, status = 201): Promise<T> => {
      const res = await t.request<T>('POST', url, { token: tokens.admin, body });
      if (res.status !== status) throw new Error(`POST ${url}: ${res.status} ${res.text}`);
      return res.body;
    };
    // A case per customer with its alert linked and one task, and a template per customer.
    const kase = async (customerCode: string, alertId: number) => {
      const { id } = await post<{ id: number }>('/api/incidents/cases', { name: 'Matrix case', customerCode });
      await post(`/api/incidents/cases/${id}/alerts`, { alertIds: [alertId] }, 200);
      return { id, taskId: (await post<{ id: number }>(`/api/incidents/cases/${id}/tasks`, { title: 'Matrix task' })).id };
    };
    const template = (customerCode: string) => post<{ id: number }>('/api/incidents/case-templates', { name: `Matrix ${customerCode}`, customerCode });
    const [caseA, caseB] = [await kase('matrix-a', alertA.id), await kase('matrix-b', alertB.id)];
    fx = {
      customerA, customerB, alertA, alertB, userId: victim.id, runId: run.body.id, sourceId: source.body.id,
      caseA, caseB, templateA: await template('matrix-a'), templateB: await template('matrix-b'),
      // An evidence file on each case, for the case-file routes.
      fileA: (await uploadFile(t, tokens.admin, caseA.id, 'matrix-a.txt', 'A')).id, fileB: (await uploadFile(t, tokens.admin, caseB.id, 'matrix-b.txt', 'B')).id,
    };
  });
  afterAll(() => t.close());

  const paramsFor = (path: string): Record<string, string | number> => {
    if (!path.includes('{')) return {};
    if (TENANT_OWNED[path]) return tenantParams(path, fx, 'A');
    const known = NOT_TENANT_OWNED[path];
    if (!known) throw new Error(`${path} has path params but is not classified in TENANT_OWNED or NOT_TENANT_OWNED`);
    return known(fx);
  };

  it('classifies every id-bearing route as tenant-owned or not', () => {
    const unclassified = routes.filter((r) => r.path.includes('{') && !TENANT_OWNED[r.path] && !NOT_TENANT_OWNED[r.path]).map((r) => `${r.method} ${r.path}`);
    expect(unclassified).toEqual([]);
    expect(routes.length).toBeGreaterThan(25);
  });

  it('answers 401 problem+json to every non-public route without a token or with a bad one', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => !x.isPublic)) {
      const url = withQuery(r, fill(r.path, paramsFor(r.path)));
      for (const token of [undefined, 'not-a-jwt', `${tokens.admin.slice(0, -4)}AAAA`]) {
        const res = await t.request(r.method, url, { token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        if (res.status !== 401 || !String(res.headers['content-type']).startsWith('application/problem+json')) {
          failures.push(`${r.method} ${r.path} with ${token ? 'a bad token' : 'no token'} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets public routes answer without a token', async () => {
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual(['GET /api/health', 'POST /api/auth/token']);
  });

  it('answers 403 exactly where a role is not in the route\'s scopes', async () => {
    const failures: string[] = [];
    const roles: Role[] = ['scheduler', 'customerA', 'analystA', 'analyst', 'admin'];
    // Destructive calls last, so earlier checks see the fixtures intact.
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const r of ordered.filter((x) => !x.isPublic)) {
      for (const role of roles) {
        const allowed = r.scopes === null || r.scopes.includes(ROLE_OF[role]);
        const res = await t.request(r.method, withQuery(r, fill(r.path, paramsFor(r.path))), { token: tokens[role], body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        if (allowed && (res.status === 401 || res.status === 403)) failures.push(`${role} ${r.method} ${r.path} → ${res.status}, expected access`);
        if (!allowed && res.status !== 403) failures.push(`${role} ${r.method} ${r.path} → ${res.status}, expected 403`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 to a customer user and a limited analyst for another customer\'s ids, and changes nothing', async () => {
    const urls = [`/api/customers/${fx.customerB.id}`, `/api/incidents/alerts/${fx.alertB.id}`, `/api/incidents/cases/${fx.caseB.id}`, `/api/incidents/case-templates/${fx.templateB.id}`];
    const snapshot = () => Promise.all(urls.map((u) => t.request('GET', u, { token: tokens.admin })));
    const before = await snapshot();
    expect(before.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => TENANT_OWNED[x.path])) {
      for (const role of ['customerA', 'analystA'] as const) {
        if (r.scopes !== null && !r.scopes.includes(ROLE_OF[role])) continue;
        const url = withQuery(r, fill(r.path, tenantParams(r.path, fx, 'B')));
        const res = await t.request(r.method, url, { token: tokens[role], body: HIJACK_BODIES[`${r.method} ${r.path}`] });
        checked++;
        if (res.status !== 404) failures.push(`${role} ${r.method} ${r.path} with customer B's id → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(Object.keys(TENANT_OWNED).length);
    const after = await snapshot();
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
  });
});
