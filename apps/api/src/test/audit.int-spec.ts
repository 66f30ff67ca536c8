import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MoreThan } from 'typeorm';
import { AuditLogEntry } from '@copilot/api-core';
import { User } from '@copilot/api-users';
import { ADMIN_PASSWORD, TestApp, USER_PASSWORD } from '../testing/harness';
import { auditRows, expectProblem, freshIp, PageBody, unique } from './helpers';

interface AuditBody {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  outcome: string;
  statusCode: number | null;
}

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('audit log (integration)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    adminId = (await t.db.getRepository(User).findOneByOrFail({ username: 'admin' })).id;
  });
  afterAll(() => t.close());

  const lastId = async () => (await t.db.getRepository(AuditLogEntry).find({ order: { id: 'DESC' }, take: 1 }))[0]?.id ?? 0;
  const listAudit = (query: string, token = admin) => t.request<PageBody<AuditBody>>('GET', `/api/audit-log?${query}`, { token });

  describe('rows for mutating requests', () => {
    it('records actor, action, entity, entity id, outcome and status of successful writes', async () => {
      const mark = await lastId();
      const c = await t.createCustomer(admin, unique('au'));
      expect((await t.request('PATCH', `/api/customers/${c.id}`, { token: admin, body: { notes: 'x' } })).status).toBe(200);
      const [created] = await auditRows(t, { id: MoreThan(mark), action: 'POST /api/customers' });
      expect(created).toEqual(expect.objectContaining({ actorId: adminId, actorUsername: 'admin', entity: 'customers', outcome: 'success', statusCode: 201 }));
      const [patched] = await auditRows(t, { id: MoreThan(mark), action: 'PATCH /api/customers/:id' });
      expect(patched).toEqual(expect.objectContaining({ actorId: adminId, entity: 'customers', entityId: String(c.id), outcome: 'success', statusCode: 200 }));
    });

    it('records refused writes too: 401 and 403 as denied, 400 and 404 as failures', async () => {
      const analyst = await t.createUser(admin, unique('aud'), 'analyst');
      const c = await t.createCustomer(admin, unique('ref'));
      const mark = await lastId();
      expect((await t.request('POST', '/api/customers', { body: { customerCode: unique('anon'), name: 'Anon' } })).status).toBe(401);
      expect((await t.request('DELETE', `/api/customers/${c.id}`, { token: analyst.token })).status).toBe(403);
      expect((await t.request('PATCH', `/api/customers/${c.id}`, { token: admin, body: { name: 7 } })).status).toBe(400);
      expect((await t.request('PATCH', `/api/customers/${c.id}`, { token: admin, body: '{"name": "broken' })).status).toBe(400);
      expect((await t.request('DELETE', '/api/users/2000000000', { token: admin })).status).toBe(404);
      const rows = await auditRows(t, { id: MoreThan(mark) }, 5);
      const summary = rows.map((r) => ({ action: r.action, actorId: r.actorId, entityId: r.entityId, outcome: r.outcome, statusCode: r.statusCode }));
      expect(summary).toEqual(expect.arrayContaining([
        { action: 'POST /api/customers', actorId: null, entityId: null, outcome: 'denied', statusCode: 401 },
        { action: 'DELETE /api/customers/:id', actorId: analyst.id, entityId: String(c.id), outcome: 'denied', statusCode: 403 },
        { action: 'PATCH /api/customers/:id', actorId: adminId, entityId: String(c.id), outcome: 'failure', statusCode: 400 },
        { action: 'DELETE /api/users/:id', actorId: adminId, entityId: '2000000000', outcome: 'failure', statusCode: 404 },
      ]));
      // The malformed body is refused before the token is read, so only its row count is certain.
      expect(summary.filter((r) => r.action === 'PATCH /api/customers/:id' && r.statusCode === 400 && r.outcome === 'failure')).toHaveLength(2);
    });

    it('records every sign-in: success, wrong password, unknown user, refused client and throttled, with the name tried', async () => {
      const name = unique('login');
      const u = await t.createUser(admin, name, 'customer_user');
      const ghost = unique('ghost');
      const ip = freshIp();
      const signIn = (username: string, password: string, extra: Record<string, string> = {}) =>
        t.request('POST', '/api/auth/token', { form: { username, password, ...extra }, ip });
      expect((await signIn(name, USER_PASSWORD)).status).toBe(200);
      expect((await signIn(name, 'not-the-password')).status).toBe(401);
      expect((await signIn(ghost, 'not-the-password')).status).toBe(401);
      expect((await signIn(name, USER_PASSWORD, { client_id: 'console' })).status).toBe(403);
      const mine = await auditRows(t, { action: 'auth.login', actorUsername: name }, 3);
      expect(mine.map((r) => ({ actorId: r.actorId, outcome: r.outcome, statusCode: r.statusCode, ip: r.ip }))).toEqual(expect.arrayContaining([
        { actorId: u.id, outcome: 'success', statusCode: 200, ip },
        { actorId: u.id, outcome: 'failure', statusCode: 401, ip },
        { actorId: u.id, outcome: 'denied', statusCode: 403, ip },
      ]));
      const [unknown] = await auditRows(t, { action: 'auth.login', actorUsername: ghost });
      expect(unknown).toEqual(expect.objectContaining({ actorId: null, outcome: 'failure', statusCode: 401 }));

      // One failure above plus four here reaches the limit of five; the next attempt is refused.
      for (let i = 0; i < 4; i++) expect((await signIn(ghost, `guess-${i}-password`)).status).toBe(401);
      expect((await signIn(ghost, 'one-more-guess')).status).toBe(429);
      const throttled = await auditRows(t, { action: 'auth.login', actorUsername: ghost, statusCode: 429 });
      expect(throttled).toHaveLength(1);
    });

    // The onResponse hook skips /api/auth/token because the login handler writes its own row, but
    // a form refused by validation never reaches that handler, so it must still leave a row.
    it('records a refused sign-in request with a bad form', async () => {
      const mark = await lastId();
      const res = await t.request('POST', '/api/auth/token', { form: { username: unique('noform') }, ip: freshIp() });
      expectProblem(res, 400, 'password');
      const rows = await auditRows(t, { id: MoreThan(mark) });
      expect(rows.map((r) => ({ action: r.action.startsWith('auth.login') || r.action === 'POST /api/auth/token', outcome: r.outcome, statusCode: r.statusCode })))
        .toEqual(expect.arrayContaining([{ action: true, outcome: 'failure', statusCode: 400 }]));
    });

    it('leaves no rows for reads', async () => {
      const c = await t.createCustomer(admin, unique('rd'));
      await t.request('GET', '/api/customers', { token: admin });
      await t.request('GET', `/api/customers/${c.id}`, { token: admin });
      await t.request('GET', '/api/auth/me', { token: admin });
      await t.request('GET', '/api/customers');
      await t.request('GET', '/api/no-such-thing', { token: admin });
      await listAudit('limit=5');
      await new Promise((r) => setTimeout(r, 200));
      const reads = await t.db.getRepository(AuditLogEntry).createQueryBuilder('a').where('a.action LIKE :get', { get: 'GET %' }).getCount();
      expect(reads).toBe(0);
    });
  });

  describe('GET /api/audit-log', () => {
    it('lists newest first and filters by action prefix, outcome and actor', async () => {
      const actor = await t.createUser(admin, unique('actor'), 'analyst');
      const c = await t.createCustomer(admin, unique('flt'));
      // Each row is awaited before the next request: the hook writes just after the reply is sent.
      for (let i = 0; i < 3; i++) {
        await t.request('PATCH', `/api/customers/${c.id}`, { token: actor.token, body: { notes: `n${i}` } });
        await auditRows(t, { actorId: actor.id }, 2 + i);
      }
      await t.request('DELETE', `/api/customers/${c.id}`, { token: actor.token });
      await auditRows(t, { actorId: actor.id }, 5);

      const all = await listAudit('limit=50');
      expect(all.status).toBe(200);
      const ids = all.body.items.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const [newest, oldest] = [all.body.items[0], all.body.items[all.body.items.length - 1]];
      expect(newest.id).toBe(await lastId());
      expect(Date.parse(newest.at)).toBeGreaterThanOrEqual(Date.parse(oldest.at));

      const byActor = (await listAudit(`actorId=${actor.id}`)).body.items;
      expect(byActor.map((r) => `${r.action} ${r.outcome}`)).toEqual([
        'DELETE /api/customers/:id denied', 'PATCH /api/customers/:id success', 'PATCH /api/customers/:id success', 'PATCH /api/customers/:id success', 'auth.login success',
      ]);
      const denied = (await listAudit(`actorId=${actor.id}&outcome=denied`)).body.items;
      expect(denied.map((r) => r.action)).toEqual(['DELETE /api/customers/:id']);
      const patches = (await listAudit(`actorId=${actor.id}&action=${encodeURIComponent('PATCH /api/customers')}`)).body.items;
      expect(patches).toHaveLength(3);
      const logins = (await listAudit('action=auth.login&limit=200')).body.items;
      expect(logins.length).toBeGreaterThan(0);
      expect(logins.every((r) => r.action === 'auth.login')).toBe(true);
    });

    it('pages with a cursor without duplicates or gaps', async () => {
      const actor = await t.createUser(admin, unique('pager'), 'admin');
      for (let i = 0; i < 4; i++) await t.createCustomer(actor.token, unique('pgc'));
      await auditRows(t, { actorId: actor.id }, 5);
      const expected = (await t.db.getRepository(AuditLogEntry).find({ where: { actorId: actor.id }, order: { id: 'DESC' } })).map((r) => r.id);
      expect(expected).toHaveLength(5);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Awaited<ReturnType<typeof listAudit>> = await listAudit(`actorId=${actor.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r) => r.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(3);
    });

    it('is for admins only and refuses bad filters', async () => {
      const c = await t.createCustomer(admin, unique('adm'));
      const analyst = await t.createUser(admin, unique('peek'), 'analyst');
      const cust = await t.createUser(admin, unique('peekc'), 'customer_user', [c.customerCode]);
      expectProblem(await listAudit('', analyst.token), 403);
      expectProblem(await listAudit('', cust.token), 403);
      expectProblem(await t.request('GET', '/api/audit-log'), 401);
      expectProblem(await listAudit('outcome=maybe'), 400, 'outcome');
      expectProblem(await listAudit('actorId=abc'), 400, 'actorId');
    });

    it('is append-only: the contract has no route that changes rows and the api refuses any attempt', async () => {
      const doc = JSON.parse(readFileSync(join(__dirname, '../../../../libs/contract/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      const auditPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/audit-log'));
      expect(auditPaths.length).toBeGreaterThan(0);
      for (const [, ops] of auditPaths) expect(Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))).toEqual([]);
      const before = await t.db.getRepository(AuditLogEntry).count();
      const [first] = await t.db.getRepository(AuditLogEntry).find({ order: { id: 'ASC' }, take: 1 });
      for (const [method, url] of [['DELETE', '/api/audit-log'], ['DELETE', `/api/audit-log/${first.id}`], ['PATCH', `/api/audit-log/${first.id}`], ['PUT', `/api/audit-log/${first.id}`]]) {
        expectProblem(await t.request(method, url, { token: admin, body: method === 'DELETE' ? undefined : { outcome: 'success' } }), 404);
      }
      expect(await t.db.getRepository(AuditLogEntry).count()).toBeGreaterThanOrEqual(before);
      expect(await t.db.getRepository(AuditLogEntry).findOneByOrFail({ id: first.id })).toEqual(first);
      expect((await t.request('POST', '/api/auth/token', { form: { username: 'admin', password: ADMIN_PASSWORD }, ip: freshIp() })).status).toBe(200);
    });
  });
});
