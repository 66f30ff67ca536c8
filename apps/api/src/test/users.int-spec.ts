import { User } from '@copilot/api-users';
import { ADMIN_PASSWORD, Reply, TestApp, USER_PASSWORD } from '../testing/harness';
import { expectProblem, freshIp, PageBody, unique } from './helpers';

interface UserBody {
  id: number;
  username: string;
  displayName: string | null;
  email: string | null;
  role: string;
  disabled: boolean;
  customerCodes: string[];
}

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('users (integration)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    adminId = (await t.db.getRepository(User).findOneByOrFail({ username: 'admin' })).id;
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, token = admin) => t.request<UserBody>('POST', '/api/users', { token, body });
  const get = (id: number) => t.request<UserBody>('GET', `/api/users/${id}`, { token: admin });
  const signIn = (username: string, password: string) =>
    t.request('POST', '/api/auth/token', { form: { username, password }, ip: freshIp() });

  // First, while the built-in admin is still the only admin of this database.
  describe('the last active admin', () => {
    it('cannot be demoted, disabled or deleted, and nothing changes', async () => {
      expect(await t.db.getRepository(User).countBy({ role: 'admin', disabled: false })).toBe(1);
      expectProblem(await t.request('PATCH', `/api/users/${adminId}`, { token: admin, body: { role: 'analyst' } }), 409);
      expectProblem(await t.request('PATCH', `/api/users/${adminId}`, { token: admin, body: { disabled: true } }), 409);
      expectProblem(await t.request('DELETE', `/api/users/${adminId}`, { token: admin }), 409);
      expect((await get(adminId)).body).toEqual(expect.objectContaining({ username: 'admin', role: 'admin', disabled: false }));
      expect((await signIn('admin', ADMIN_PASSWORD)).status).toBe(200);
    });

    it('refuses an admin deleting or disabling their own account, while another admin may', async () => {
      const other = await t.createUser(admin, unique('adm'), 'admin');
      const self = await t.request('DELETE', `/api/users/${other.id}`, { token: other.token });
      expect(expectProblem(self, 409).detail).toMatch(/own account/i);
      expect(expectProblem(await t.request('PATCH', `/api/users/${other.id}`, { token: other.token, body: { disabled: true } }), 409).detail).toMatch(/own account/i);
      expect((await get(other.id)).body.disabled).toBe(false);
      expect((await t.request('PATCH', `/api/users/${other.id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
      expect((await t.request('DELETE', `/api/users/${other.id}`, { token: admin })).status).toBe(204);
    });
  });

  describe('create', () => {
    it('creates a user with customer access and refuses a duplicate username with 409', async () => {
      const c = await t.createCustomer(admin, unique('uc'));
      const username = unique('new');
      const res = await create({ username, role: 'customer_user', password: USER_PASSWORD, displayName: 'New Person', email: 'new@example.com', customerCodes: [c.customerCode] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(expect.objectContaining({ id: expect.any(Number), username, role: 'customer_user', disabled: false, displayName: 'New Person', email: 'new@example.com', customerCodes: [c.customerCode] }));
      expect(res.body).not.toHaveProperty('passwordHash');
      expect((await get(res.body.id)).body.customerCodes).toEqual([c.customerCode]);
      expectProblem(await create({ username, role: 'analyst', password: USER_PASSWORD }), 409, 'username');
      expect((await get(res.body.id)).body.role).toBe('customer_user');
    });

    it('refuses weak passwords, unknown customers and the scheduler role with 400 naming the field, creating nothing', async () => {
      const username = unique('weak');
      expectProblem(await create({ username, role: 'analyst', password: 'short' }), 400, 'password');
      expectProblem(await create({ username, role: 'analyst', password: 'password1234' }), 400, 'password');
      expectProblem(await create({ username, role: 'analyst', password: `${username}-secret` }), 400, 'password');
      expectProblem(await create({ username, role: 'analyst', password: USER_PASSWORD, customerCodes: ['no-such-customer'] }), 400, 'customerCodes');
      expectProblem(await create({ username, role: 'scheduler', password: USER_PASSWORD }), 400, 'role');
      expect(await t.db.getRepository(User).countBy({ username })).toBe(0);
    });
  });

  describe('list', () => {
    it('walks every page with a cursor, without duplicates or gaps, and reports the total', async () => {
      const prefix = unique('pg');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create({ username: `${prefix}-${i}`, role: 'analyst', password: USER_PASSWORD })).body.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `/api/users?limit=2&q=${prefix}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: Reply<PageBody<UserBody>> = await t.request<PageBody<UserBody>>('GET', url, { token: admin });
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(5);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((u) => u.id));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort((a, b) => a - b)).toEqual(ids.sort((a, b) => a - b));
    });

    it('searches username, display name and email with q, including names with _ and %', async () => {
      const base = unique('srch');
      const under = (await create({ username: `${base}_x`, role: 'analyst', password: USER_PASSWORD })).body;
      await create({ username: `${base}yx`, role: 'analyst', password: USER_PASSWORD });
      const byName = (await create({ username: unique('plain'), displayName: `Zelda ${base}`, role: 'analyst', password: USER_PASSWORD })).body;
      const q = async (term: string) => (await t.request<PageBody<UserBody>>('GET', `/api/users?q=${encodeURIComponent(term)}`, { token: admin })).body.items.map((u) => u.id);
      expect(await q(`${base}_`)).toEqual([under.id]);
      expect(await q(`zelda ${base}`)).toEqual([byName.id]);
      expect(await q(`${base}%`)).toEqual([]);
    });
  });

  describe('update, customers, password, delete', () => {
    it('patches role, display name, email and disabled', async () => {
      const u = await t.createUser(admin, unique('pat'), 'analyst');
      const res = await t.request<UserBody>('PATCH', `/api/users/${u.id}`, { token: admin, body: { role: 'admin', displayName: 'Pat Admin', email: 'pat@example.com', disabled: true } });
      expect(res.status).toBe(200);
      expect((await get(u.id)).body).toEqual(expect.objectContaining({ role: 'admin', displayName: 'Pat Admin', email: 'pat@example.com', disabled: true }));
      expectProblem(await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { email: 'not-an-email' } }), 400, 'email');
      expect((await get(u.id)).body.email).toBe('pat@example.com');
    });

    it('sets customer access, and an unknown code changes nothing', async () => {
      const [a, b] = [await t.createCustomer(admin, unique('sa')), await t.createCustomer(admin, unique('sb'))];
      const u = await t.createUser(admin, unique('acc'), 'analyst', [a.customerCode]);
      const put = (customerCodes: string[]) => t.request<UserBody>('PUT', `/api/users/${u.id}/customers`, { token: admin, body: { customerCodes } });
      expectProblem(await put([b.customerCode, 'missing-code']), 400, 'customerCodes');
      expect((await get(u.id)).body.customerCodes).toEqual([a.customerCode]);
      expect((await put([b.customerCode])).body.customerCodes).toEqual([b.customerCode]);
      expect((await get(u.id)).body.customerCodes).toEqual([b.customerCode]);
    });

    it('resets a password so the user signs in with the new one only', async () => {
      const name = unique('reset');
      const u = await t.createUser(admin, name, 'analyst');
      expectProblem(await t.request('POST', `/api/users/${u.id}/password`, { token: admin, body: { password: 'tooshort' } }), 400, 'password');
      const res = await t.request('POST', `/api/users/${u.id}/password`, { token: admin, body: { password: 'reset-by-the-admin-77' } });
      expect(res.status).toBe(204);
      expect((await signIn(name, 'reset-by-the-admin-77')).status).toBe(200);
      expect((await signIn(name, USER_PASSWORD)).status).toBe(401);
    });

    it('deletes a user, who then no longer exists or signs in', async () => {
      const name = unique('del');
      const u = await t.createUser(admin, name, 'analyst');
      expect((await t.request('DELETE', `/api/users/${u.id}`, { token: admin })).status).toBe(204);
      expectProblem(await get(u.id), 404);
      expectProblem(await t.request('DELETE', `/api/users/${u.id}`, { token: admin }), 404);
      expect((await signIn(name, USER_PASSWORD)).status).toBe(401);
    });

    it('refuses to change the scheduler service account', async () => {
      const scheduler = await t.schedulerUserId();
      expectProblem(await t.request('PATCH', `/api/users/${scheduler}`, { token: admin, body: { role: 'admin' } }), 403);
      expectProblem(await t.request('POST', `/api/users/${scheduler}/password`, { token: admin, body: { password: 'scheduler-gets-a-password' } }), 403);
      expectProblem(await t.request('DELETE', `/api/users/${scheduler}`, { token: admin }), 403);
      expect((await get(scheduler)).body).toEqual(expect.objectContaining({ role: 'scheduler', disabled: false }));
      expect((await signIn('scheduler', 'scheduler-gets-a-password')).status).toBe(401);
    });
  });

  describe('assignable users and access', () => {
    it('lists only enabled admins and analysts (id, username, displayName) to admins and analysts; 403 for customer users', async () => {
      const c = await t.createCustomer(admin, unique('as'));
      const analyst = await t.createUser(admin, unique('asan'), 'analyst');
      const off = await t.createUser(admin, unique('asoff'), 'analyst');
      await t.request('PATCH', `/api/users/${off.id}`, { token: admin, body: { disabled: true } });
      const cust = await t.createUser(admin, unique('ascu'), 'customer_user', [c.customerCode]);
      for (const token of [admin, analyst.token]) {
        const res = await t.request<{ id: number; username: string; displayName: string | null }[]>('GET', '/api/users/assignable', { token });
        expect(res.status).toBe(200);
        const ids = res.body.map((u) => u.id);
        expect(ids).toEqual(expect.arrayContaining([adminId, analyst.id]));
        expect(ids).not.toContain(off.id);
        expect(ids).not.toContain(cust.id);
        expect(ids).not.toContain(await t.schedulerUserId());
        for (const u of res.body) expect(Object.keys(u).sort()).toEqual(['displayName', 'id', 'username']);
      }
      expectProblem(await t.request('GET', '/api/users/assignable', { token: cust.token }), 403);
    });

    it('answers 403 to an analyst and a customer user on every other users route, changing nothing', async () => {
      const c = await t.createCustomer(admin, unique('ac'));
      const target = await t.createUser(admin, unique('tgt'), 'analyst');
      const analyst = await t.createUser(admin, unique('nosy'), 'analyst');
      const cust = await t.createUser(admin, unique('nosyc'), 'customer_user', [c.customerCode]);
      const before = (await get(target.id)).body;
      const routes: [string, string, unknown][] = [
        ['GET', '/api/users', undefined],
        ['POST', '/api/users', { username: unique('sneak'), role: 'admin', password: USER_PASSWORD }],
        ['GET', `/api/users/${target.id}`, undefined],
        ['PATCH', `/api/users/${target.id}`, { role: 'admin' }],
        ['PUT', `/api/users/${target.id}/customers`, { customerCodes: [c.customerCode] }],
        ['POST', `/api/users/${target.id}/password`, { password: 'taken-over-password-1' }],
        ['DELETE', `/api/users/${target.id}`, undefined],
      ];
      for (const token of [analyst.token, cust.token]) {
        for (const [method, url, body] of routes) {
          const res = await t.request(method, url, { token, body });
          expect({ method, url, status: res.status }).toEqual({ method, url, status: 403 });
          expectProblem(res, 403);
        }
      }
      expect((await get(target.id)).body).toEqual(before);
      expect((await signIn((before as UserBody).username, USER_PASSWORD)).status).toBe(200);
    });
  });
});
