import { JwtService } from '@nestjs/jwt';
import { ADMIN_PASSWORD, TestApp, USER_PASSWORD } from '../testing/harness';
import { decodeJwt, expectProblem, freshIp, median, PageBody, unique } from './helpers';

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
}
interface MeBody {
  id: number;
  username: string;
  role: string;
  customers: { customerCode: string; name: string }[];
}

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('auth (integration)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string, ip = freshIp(), clientId?: string) =>
    t.request<TokenBody>('POST', '/api/auth/token', { form: { username, password, ...(clientId ? { client_id: clientId } : {}) }, ip });

  describe('tokens and claims', () => {
    it('issues a bearer token for every role, with sub = the immutable id and customer codes only for customer users', async () => {
      const c1 = await t.createCustomer(admin, unique('ca'));
      const c2 = await t.createCustomer(admin, unique('cb'));
      const analyst = await t.createUser(admin, unique('analyst'), 'analyst', [c1.customerCode]);
      const customer = await t.createUser(admin, unique('cust'), 'customer_user', [c2.customerCode, c1.customerCode]);
      const adminRow = await t.request<PageBody<{ id: number; username: string }>>('GET', '/api/users?q=admin', { token: admin });
      const adminId = adminRow.body.items.find((u) => u.username === 'admin')?.id;

      const res = await signIn('admin', ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: t.config.accessTokenMinutes * 60 });
      const a = decodeJwt(res.body.access_token);
      expect(a.header['alg']).toBe('HS256');
      expect(a.payload).toEqual({ sub: String(adminId), username: 'admin', scopes: ['admin'], iat: expect.any(Number), exp: expect.any(Number) });
      expect(a.payload.exp - a.payload.iat).toBe(t.config.accessTokenMinutes * 60);
      expect(Math.abs(a.payload.iat - Date.now() / 1000)).toBeLessThan(60);

      const an = decodeJwt(analyst.token).payload;
      expect(an).toEqual({ sub: String(analyst.id), username: expect.stringMatching(/^analyst/), scopes: ['analyst'], iat: expect.any(Number), exp: expect.any(Number) });
      const cu = decodeJwt(customer.token).payload;
      expect(cu.sub).toBe(String(customer.id));
      expect(cu.scopes).toEqual(['customer_user']);
      expect([...(cu.customer_codes ?? [])].sort()).toEqual([c1.customerCode, c2.customerCode].sort());
    });

    it('keeps a token valid after a rename, because sub is the id and not the username', async () => {
      const u = await t.createUser(admin, unique('ren'), 'analyst');
      const renamed = unique('renamed');
      expect((await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { username: renamed } })).status).toBe(200);
      const me = await t.request<MeBody>('GET', '/api/auth/me', { token: u.token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(expect.objectContaining({ id: u.id, username: renamed }));
    });

    it('lets the console refuse customer accounts and the portal refuse staff, each saying where to go', async () => {
      const c = await t.createCustomer(admin, unique('cp'));
      const name = unique('pcust');
      await t.createUser(admin, name, 'customer_user', [c.customerCode]);
      const aname = unique('panalyst');
      await t.createUser(admin, aname, 'analyst');

      const atConsole = expectProblem(await signIn(name, USER_PASSWORD, freshIp(), 'console'), 403);
      expect(atConsole.detail).toMatch(/portal/i);
      for (const [who, pw] of [['admin', ADMIN_PASSWORD], [aname, USER_PASSWORD]]) {
        const atPortal = expectProblem(await signIn(who, pw, freshIp(), 'portal'), 403);
        expect(atPortal.detail).toMatch(/console/i);
      }
      expect((await signIn(name, USER_PASSWORD, freshIp(), 'portal')).status).toBe(200);
      expect((await signIn('admin', ADMIN_PASSWORD, freshIp(), 'console')).status).toBe(200);
    });

    it('answers /me with the role and, for a customer user, the customers by code and name', async () => {
      const c = await t.createCustomer(admin, unique('me'), { name: 'Acme Widgets' });
      const u = await t.createUser(admin, unique('meuser'), 'customer_user', [c.customerCode]);
      const me = await t.request<MeBody>('GET', '/api/auth/me', { token: u.token });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(expect.objectContaining({ id: u.id, role: 'customer_user', customers: [{ customerCode: c.customerCode, name: 'Acme Widgets' }] }));
    });

    it('refreshes a valid token into a new one for the same account', async () => {
      const u = await t.createUser(admin, unique('refr'), 'analyst');
      const res = await t.request<TokenBody>('GET', '/api/auth/refresh', { token: u.token });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('bearer');
      const fresh = decodeJwt(res.body.access_token).payload;
      expect(fresh.sub).toBe(String(u.id));
      expect(fresh.exp).toBeGreaterThanOrEqual(decodeJwt(u.token).payload.exp);
      const me = await t.request<MeBody>('GET', '/api/auth/me', { token: res.body.access_token });
      expect(me.body.id).toBe(u.id);
    });
  });

  describe('equal answers for unknown user and wrong password', () => {
    it('gives the same status, body and comparable time (a dummy hash is verified for unknown users)', async () => {
      const name = unique('timing');
      await t.createUser(admin, name, 'analyst');
      const unknown: number[] = [];
      const wrong: number[] = [];
      let unknownBody: unknown;
      let wrongBody: unknown;
      for (let i = 0; i < 5; i++) {
        let start = performance.now();
        const u = await signIn(unique('nobody'), 'Some-password-123');
        unknown.push(performance.now() - start);
        start = performance.now();
        const w = await signIn(name, 'Wrong-password-123');
        wrong.push(performance.now() - start);
        expectProblem(u, 401);
        expectProblem(w, 401);
        unknownBody = u.body;
        wrongBody = w.body;
      }
      expect(unknownBody).toEqual(wrongBody);
      expect(unknownBody).toEqual(expect.objectContaining({ detail: 'Incorrect username or password' }));
      expect(median(unknown)).toBeGreaterThanOrEqual(median(wrong) / 3);
    });

    it('refuses a disabled account and the scheduler account with that same answer', async () => {
      const u = await t.createUser(admin, unique('dis'), 'analyst');
      await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { disabled: true } });
      const wrong = await signIn(unique('nobody'), 'whatever-password');
      const disabled = await signIn((await t.request<{ username: string }>('GET', `/api/users/${u.id}`, { token: admin })).body.username, USER_PASSWORD);
      expect(disabled.body).toEqual(wrong.body);
      for (const pw of ['scheduler', ADMIN_PASSWORD, 'copilot-dummy-password-for-timing']) {
        const s = await signIn('scheduler', pw);
        expectProblem(s, 401);
        expect(s.body).toEqual(wrong.body);
      }
    });
  });

  describe('throttling', () => {
    it('locks a username after 5 failures (even the right password gets 429) while others still sign in from that IP', async () => {
      const victim = unique('victim');
      const bystander = unique('bystander');
      await t.createUser(admin, victim, 'analyst');
      await t.createUser(admin, bystander, 'analyst');
      const ip = freshIp();
      for (let i = 0; i < 5; i++) expectProblem(await signIn(victim, `wrong-password-${i}x`, ip), 401);
      const locked = await signIn(victim, USER_PASSWORD, ip);
      expectProblem(locked, 429);
      const retry = Number(locked.headers['retry-after']);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expectProblem(await signIn(victim, USER_PASSWORD, freshIp()), 429);
      expect((await signIn(bystander, USER_PASSWORD, ip)).status).toBe(200);

      // The counters live in the database, so every replica sees the same lock.
      const rows: { throttle_key: string; locked_until: unknown }[] = await t.db.query('SELECT throttle_key, locked_until FROM login_throttle WHERE throttle_key IN (?, ?)', [`u:${victim}`, `ip:${ip}`]);
      expect(rows.map((r) => r.throttle_key).sort()).toEqual([`ip:${ip}`, `u:${victim}`].sort());
      expect(rows.find((r) => r.throttle_key === `u:${victim}`)?.locked_until).not.toBeNull();
    });

    it('locks an IP after 30 failures across usernames, for new usernames from that IP only', async () => {
      const name = unique('ipvictim');
      await t.createUser(admin, name, 'analyst');
      const ip = freshIp();
      for (let batch = 0; batch < 6; batch++) {
        const replies = await Promise.all(Array.from({ length: 5 }, () => signIn(unique('spray'), 'Spray-password-1', ip)));
        for (const r of replies) expect(r.status).toBe(401);
      }
      const blocked = await signIn(name, USER_PASSWORD, ip);
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(name, USER_PASSWORD, freshIp())).status).toBe(200);
      const rows: { throttle_key: string }[] = await t.db.query('SELECT throttle_key FROM login_throttle WHERE throttle_key = ?', [`ip:${ip}`]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('bad tokens', () => {
    it('answers 401 problem+json to missing, garbage, tampered, expired, alg:none, foreign and deleted-user tokens, changing nothing', async () => {
      const u = await t.createUser(admin, unique('tok'), 'admin');
      const valid = u.token;
      const [h, p, s] = valid.split('.');
      const flipped = `${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
      const payload = decodeJwt(valid).payload;
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
      const expired = await t.tokenFor(u.id, 'admin', 'tok', -10);
      const foreign = await new JwtService({ secret: 'x'.repeat(64) }).signAsync({ sub: String(u.id), username: 'tok', scopes: ['admin'] });
      const hs512 = await t.get(JwtService).signAsync({ sub: String(u.id), username: 'tok', scopes: ['admin'] }, { algorithm: 'HS512' });
      const badSub = await t.get(JwtService).signAsync({ sub: 'admin', username: 'admin', scopes: ['admin'] });
      const deleted = await t.createUser(admin, unique('gone'), 'admin');
      expect((await t.request('DELETE', `/api/users/${deleted.id}`, { token: admin })).status).toBe(204);

      const cases: Record<string, string | undefined> = {
        missing: undefined, garbage: 'not-a-jwt', tampered: flipped, expired, none, foreign, hs512, badSub, deletedUser: deleted.token,
      };
      for (const [label, token] of Object.entries(cases)) {
        const code = unique('tk');
        const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
        const res = await t.request('POST', '/api/customers', { headers, body: { customerCode: code, name: label } });
        expect({ label, status: res.status }).toEqual({ label, status: 401 });
        expectProblem(res, 401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        const me = await t.request('GET', '/api/auth/me', { headers });
        expect({ label, status: me.status }).toEqual({ label, status: 401 });
        const list = await t.request<PageBody<unknown>>('GET', `/api/customers?q=${code}&includeInactive=true`, { token: admin });
        expect({ label, total: list.body.total }).toEqual({ label, total: 0 });
      }
      expect((await t.request('GET', '/api/auth/me', { token: valid })).status).toBe(200);
      expectProblem(await t.request('GET', '/api/auth/me', { token: expired }), 401);
    });

    it('refuses a token once it expires, though it was accepted a moment before', async () => {
      const u = await t.createUser(admin, unique('brief'), 'analyst');
      const brief = await t.tokenFor(u.id, 'analyst', 'brief', 1);
      expect((await t.request('GET', '/api/auth/me', { token: brief })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2_000));
      const res = await t.request<{ detail: string }>('GET', '/api/auth/me', { token: brief });
      expectProblem(res, 401);
      expect(res.body.detail).toBe('Token expired');
    });

    it('makes a disabled account\'s existing token fail on the very next request', async () => {
      const u = await t.createUser(admin, unique('soon'), 'analyst');
      expect((await t.request('GET', '/api/auth/me', { token: u.token })).status).toBe(200);
      expect((await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
      expectProblem(await t.request('GET', '/api/auth/me', { token: u.token }), 401);
      expectProblem(await t.request('GET', '/api/auth/refresh', { token: u.token }), 401);
    });

    it('applies a role change at once to an existing token', async () => {
      const u = await t.createUser(admin, unique('demote'), 'analyst');
      expect((await t.request('GET', '/api/users/assignable', { token: u.token })).status).toBe(200);
      expect((await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { role: 'customer_user' } })).status).toBe(200);
      expectProblem(await t.request('GET', '/api/users/assignable', { token: u.token }), 403);
      expect((await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { role: 'analyst' } })).status).toBe(200);
      expect((await t.request('GET', '/api/users/assignable', { token: u.token })).status).toBe(200);
    });
  });

  describe('changing one\'s own password', () => {
    it('requires the current password and a strong new one; afterwards only the new one signs in', async () => {
      const name = unique('pw');
      const u = await t.createUser(admin, name, 'customer_user');
      const change = (currentPassword: string, newPassword: string) => t.request('POST', '/api/auth/password', { token: u.token, body: { currentPassword, newPassword } });
      const next = 'a-brand-new-passphrase-42';

      expectProblem(await change('not-my-password', next), 400, 'currentPassword');
      expectProblem(await change(USER_PASSWORD, 'short-pw'), 400, 'newPassword');
      expectProblem(await change(USER_PASSWORD, 'password1234'), 400, 'newPassword');
      expectProblem(await change(USER_PASSWORD, USER_PASSWORD), 400, 'newPassword');
      expect((await signIn(name, USER_PASSWORD)).status).toBe(200);

      expect((await change(USER_PASSWORD, next)).status).toBe(204);
      expectProblem(await signIn(name, USER_PASSWORD), 401);
      expect((await signIn(name, next)).status).toBe(200);
    });
  });
});
