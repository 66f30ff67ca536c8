import { Customer } from '@copilot/api-customers';
import { User } from '@copilot/api-users';
import { TestApp, USER_PASSWORD } from '../testing/harness';
import { expectProblem, PageBody, unique } from './helpers';

interface CustomerBody {
  id: number;
  customerCode: string;
  name: string;
  notes: string | null;
  version: number;
}

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('bad input, nothing lost (integration)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const post = (body: unknown, headers: Record<string, string> = {}) => t.request('POST', '/api/customers', { token: admin, body, headers });
  const exists = async (customerCode: string) => (await t.db.getRepository(Customer).countBy({ customerCode })) > 0;
  const snapshot = async (id: number) => (await t.request<CustomerBody>('GET', `/api/customers/${id}`, { token: admin })).body;

  describe('bodies', () => {
    it('refuses malformed JSON with 400', async () => {
      const code = unique('mal');
      for (const raw of [`{"customerCode":"${code}","name":"Broken"`, `{customerCode:'${code}'}`, `{"customerCode":"${code}","name":"x",}`]) {
        const p = expectProblem(await post(raw), 400);
        expect(p.detail).toMatch(/json/i);
      }
      expect(await exists(code)).toBe(false);
      expectProblem(await post(''), 400);
    });

    it('refuses wrong types with 400 naming the field, changing nothing', async () => {
      const c = await t.createCustomer(admin, unique('typ'));
      const before = await snapshot(c.id);
      const code = unique('typ');
      expectProblem(await post({ customerCode: code, name: 5 }), 400, 'name');
      expectProblem(await post({ customerCode: 42, name: 'Number code' }), 400, 'customerCode');
      expectProblem(await post({ customerCode: code, name: ['a', 'b'] }), 400, 'name');
      expectProblem(await post({ customerCode: code, name: { first: 'x' } }), 400, 'name');
      expect(await exists(code)).toBe(false);
      expectProblem(await t.request('PATCH', `/api/customers/${c.id}`, { token: admin, body: { name: 5, notes: false } }), 400, 'name', 'notes');
      expect(await snapshot(c.id)).toEqual(before);

      const u = await t.createUser(admin, unique('typ'), 'analyst');
      expectProblem(await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { disabled: 'yes' } }), 400, 'disabled');
      expectProblem(await t.request('PATCH', `/api/users/${u.id}`, { token: admin, body: { role: 'root' } }), 400, 'role');
      expectProblem(await t.request('PUT', `/api/users/${u.id}/customers`, { token: admin, body: { customerCodes: c.customerCode } }), 400, 'customerCodes');
      expect(await t.db.getRepository(User).findOneByOrFail({ id: u.id })).toEqual(expect.objectContaining({ disabled: false, role: 'analyst' }));
      expect((await t.request('GET', '/api/auth/me', { token: u.token })).status).toBe(200);
    });

    it('refuses bodies that are not objects', async () => {
      for (const body of ['[]', '[{"customerCode":"arr1","name":"x"}]', 'null', '"just a string"', '42', 'true']) {
        const res = await post(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expectProblem(res, 400);
      }
      expect(await exists('arr1')).toBe(false);
    });

    it('refuses unknown and missing fields, naming each', async () => {
      const code = unique('unk');
      expectProblem(await post({ customerCode: code, name: 'X', colour: 'red', active: false }), 400, 'colour');
      expectProblem(await post({}), 400, 'customerCode', 'name');
      expectProblem(await t.request('POST', '/api/users', { token: admin, body: {} }), 400, 'username', 'role', 'password');
      expectProblem(await post({ customerCode: code, name: 'n'.repeat(129) }), 400, 'name');
      expectProblem(await post(`{"customerCode":"${code}","name":"Proto","__proto__":{"polluted":true}}`), 400);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(await exists(code)).toBe(false);
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const code = unique('big');
      const res = await post({ customerCode: code, name: 'Big', notes: 'a'.repeat(1024 * 1024 + 10) });
      expectProblem(res, 413);
      expect(await exists(code)).toBe(false);
      const c = await t.createCustomer(admin, unique('big'));
      expectProblem(await t.request('PATCH', `/api/customers/${c.id}`, { token: admin, body: { notes: 'b'.repeat(2 * 1024 * 1024) } }), 413);
      expect((await snapshot(c.id)).notes).toBeNull();
    });

    it('refuses a body that is not JSON with 415 or 400, and accepts JSON with a charset', async () => {
      const code = unique('ct');
      const json = JSON.stringify({ customerCode: code, name: 'Typed' });
      for (const type of ['text/plain', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
        const res = await post(json, { 'content-type': type });
        expect({ type, ok: [400, 415].includes(res.status) }).toEqual({ type, ok: true });
        expectProblem(res, res.status);
      }
      expect(await exists(code)).toBe(false);
      expect((await post(json, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
    });

    it('keeps every character of names and notes (nothing lost on either database)', async () => {
      const code = unique('utf');
      const name = 'Café ☕ Ünïcödé 🍕 日本語';
      const notes = `line one\nline "two" 'quoted' \\ backslash ${'🛡️'.repeat(50)}`;
      const res = await post({ customerCode: code, name, notes });
      expect(res.status).toBe(201);
      expect(await snapshot((res.body as CustomerBody).id)).toEqual(expect.objectContaining({ name, notes }));
    });
  });

  describe('paths and queries', () => {
    it('answers 400 naming the id for ids that are not positive integers', async () => {
      const c = await t.createCustomer(admin, unique('ids'));
      const before = await snapshot(c.id);
      for (const id of ['abc', '0', '-1', '1.5', '99999999999', '%20', `${c.id}abc`, '1,2']) {
        for (const [method, url, body] of [
          ['GET', `/api/customers/${id}`, undefined],
          ['PATCH', `/api/customers/${id}`, { name: 'Renamed' }],
          ['DELETE', `/api/customers/${id}`, undefined],
          ['POST', `/api/customers/${id}/deactivate`, undefined],
          ['GET', `/api/users/${id}`, undefined],
        ] as const) {
          const res = await t.request(method, url, { token: admin, body });
          expect({ url, method, status: res.status }).toEqual({ url, method, status: 400 });
          expectProblem(res, 400, 'id');
        }
      }
      expect(await snapshot(c.id)).toEqual(before);
      expectProblem(await t.request('GET', '/api/customers/2147483647', { token: admin }), 404);
    });

    // The global ValidationPipe (transform: true) turns a `number` path parameter into Number(value)
    // before ParseIdPipe sees it, so '1e3' and '0x1a' arrive as 1000 and 26 and pass as valid ids.
    it('reads ids literally: exponent and hex spellings are 400, not another customer', async () => {
      const c = await t.createCustomer(admin, unique('hex'));
      const seen: Record<string, number> = {};
      for (const [method, id] of [['GET', `${c.id}e0`], ['DELETE', `0x${c.id.toString(16)}`], ['DELETE', `${c.id}.0`], ['DELETE', ` ${c.id}`]] as const) {
        seen[`${method} ${id}`] = (await t.request(method, `/api/customers/${encodeURIComponent(id)}`, { token: admin })).status;
      }
      expect({ seen, stillThere: await exists(c.customerCode) }).toEqual({ seen: Object.fromEntries(Object.keys(seen).map((k) => [k, 400])), stillThere: true });
    });

    it('answers 400 naming the parameter for bad list queries', async () => {
      for (const [query, field] of [
        ['limit=0', 'limit'], ['limit=500', 'limit'], ['limit=abc', 'limit'], ['limit=2.5', 'limit'], ['limit=-3', 'limit'],
        ['cursor=garbage', 'cursor'], [`cursor=${Buffer.from('{"a":1}').toString('base64url')}`, 'cursor'], ['cursor=W10', 'cursor'],
        ['unknownFilter=1', 'unknownFilter'], [`q=${'q'.repeat(200)}`, 'q'],
      ]) {
        for (const route of ['/api/customers', '/api/users']) {
          const res = await t.request('GET', `${route}?${query}`, { token: admin });
          expect({ route, query, status: res.status }).toEqual({ route, query, status: 400 });
          expectProblem(res, 400, field);
        }
      }
      expect((await t.request<PageBody<unknown>>('GET', '/api/customers?limit=200', { token: admin })).status).toBe(200);
      expect((await t.request<PageBody<unknown>>('GET', '/api/customers?limit=1', { token: admin })).body.items).toHaveLength(1);
    });

    it('answers unknown /api paths with a problem+json 404, never the web app', async () => {
      for (const [method, token] of [['GET', admin], ['GET', undefined], ['POST', admin], ['DELETE', undefined], ['PUT', admin]] as const) {
        for (const url of ['/api/nope', '/api/customers/1/explode', '/api', '/api/v2/customers']) {
          const res = await t.request(method, url, { token, body: method === 'POST' || method === 'PUT' ? { a: 1 } : undefined });
          expect({ method, url, status: res.status }).toEqual({ method, url, status: 404 });
          expectProblem(res, 404);
          expect(res.text).not.toMatch(/<html/i);
        }
      }
    });

    it('leaves data untouched after a burst of bad requests', async () => {
      const c = await t.createCustomer(admin, unique('calm'));
      const u = await t.createUser(admin, unique('calm'), 'analyst', [c.customerCode]);
      const before = { c: await snapshot(c.id), u: (await t.request('GET', `/api/users/${u.id}`, { token: admin })).body };
      const attempts: [string, string, unknown][] = [
        ['PATCH', `/api/customers/${c.id}`, '{"name":'],
        ['PATCH', `/api/customers/${c.id}`, { customerCode: 'moved' }],
        ['PATCH', `/api/customers/${c.id}`, { active: false }],
        ['PATCH', `/api/users/${u.id}`, { role: 'admin', password: USER_PASSWORD }],
        ['PATCH', `/api/users/${u.id}`, { id: 1 }],
        ['PUT', `/api/users/${u.id}/customers`, { customerCodes: ['UPPER CASE'] }],
        ['POST', `/api/users/${u.id}/password`, { password: 12345678901234 }],
      ];
      for (const [method, url, body] of attempts) {
        const res = await t.request(method, url, { token: admin, body });
        expect({ method, url, status: res.status }).toEqual({ method, url, status: 400 });
        expectProblem(res, 400);
      }
      expect(await snapshot(c.id)).toEqual(before.c);
      expect((await t.request('GET', `/api/users/${u.id}`, { token: admin })).body).toEqual(before.u);
      expect((await t.request('GET', '/api/auth/me', { token: u.token })).status).toBe(200);
    });
  });
});
