import { accessDenied, grafanaError, jsonBody, type GrafanaContext, type GrafanaRoute } from './grafana-context';

/**
 * Organization HTTP API (Grafana docs developers/http_api/org.md, 10.x/11.x): `/api/org` is the caller's current
 * organization; the admin `/api/orgs` resource works only with Basic auth of a Grafana server admin (service-account
 * tokens are scoped to one organization and cannot be server admins), so a token gets 403.
 */

const ADDRESS = { address1: '', address2: '', city: '', zipCode: '', state: '', country: '' };

function requireServerAdmin(ctx: GrafanaContext, permission: string) {
  return ctx.identity.kind === 'user' && ctx.identity.isGrafanaAdmin ? null : accessDenied(permission);
}

/** Get current Organization: `{"id":1,"name":"Main Org."}`. */
const currentOrg = (ctx: GrafanaContext) => {
  const org = ctx.store.orgs.find((o) => o.id === ctx.identity.orgId);
  return org ? { status: 200, body: { id: org.id, name: org.name } } : grafanaError(404, 'Organization not found');
};

/** Search all Organizations: `[{"id":1,"name":"Main Org."}]`, `perpage` default 1000, `page` 1-based. */
const searchOrgs = (ctx: GrafanaContext) => {
  const denied = requireServerAdmin(ctx, 'orgs:read');
  if (denied) return denied;
  const perpage = Number(ctx.req.query['perpage'] ?? 1000);
  const page = Math.max(1, Number(ctx.req.query['page'] ?? 1));
  const query = (ctx.req.query['query'] ?? '').toLowerCase();
  const orgs = ctx.store.orgs.filter((o) => o.name.toLowerCase().includes(query));
  return {
    status: 200,
    body: orgs.slice((page - 1) * perpage, page * perpage).map((o) => ({ id: o.id, name: o.name })),
  };
};

/** Create Organization: `{"orgId":2,"message":"Organization created"}`; a taken name is 409. */
const createOrg = (ctx: GrafanaContext) => {
  const denied = requireServerAdmin(ctx, 'orgs:create');
  if (denied) return denied;
  const body = jsonBody(ctx.req);
  const name = typeof body?.['name'] === 'string' ? body['name'].trim() : '';
  if (!name) return grafanaError(400, 'bad request data');
  if (ctx.store.orgs.some((o) => o.name.toLowerCase() === name.toLowerCase())) {
    return grafanaError(409, 'Organization name taken');
  }
  const org = ctx.store.addOrg(name);
  // Grafana makes the creating user an Admin of the new organization.
  ctx.store.users.find((u) => u.login === ctx.identity.login)?.orgs.set(org.id, 'Admin');
  return { status: 200, body: { orgId: org.id, message: 'Organization created' } };
};

/** Get Organization by Name: `{"id":1,"name":"Main Org.","address":{...}}`, 404 when absent. */
const orgByName = (ctx: GrafanaContext) => {
  const denied = requireServerAdmin(ctx, 'orgs:read');
  if (denied) return denied;
  const org = ctx.store.orgs.find((o) => o.name === ctx.params['name']);
  return org
    ? { status: 200, body: { id: org.id, name: org.name, address: ADDRESS } }
    : grafanaError(404, 'Organization not found');
};

export const orgRoutes: GrafanaRoute[] = [
  { method: 'GET', pattern: '/api/org', handler: currentOrg },
  { method: 'GET', pattern: '/api/orgs', handler: searchOrgs },
  { method: 'POST', pattern: '/api/orgs', handler: createOrg },
  { method: 'GET', pattern: '/api/orgs/name/:name', handler: orgByName },
];
