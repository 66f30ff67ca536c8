import { Customer } from '@copilot/api-customers';
import { TestApp } from '../testing/harness';
import { expectProblem, PageBody, unique } from './helpers';

interface CustomerBody {
  id: number;
  customerCode: string;
  name: string;
  type: string | null;
  parentCustomerCode: string | null;
  contactEmail: string | null;
  logo: string | null;
  active: boolean;
  version: number;
}

const dataUrl = (mime: string, bytes: number) => `data:${mime};base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('customers (integration)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const get = (id: number, token = admin) => t.request<CustomerBody>('GET', `/api/customers/${id}`, { token });
  const patch = (id: number, body: unknown, token = admin, headers: Record<string, string> = {}) =>
    t.request<CustomerBody>('PATCH', `/api/customers/${id}`, { token, body, headers });
  const list = (query: string, token = admin) => t.request<PageBody<CustomerBody>>('GET', `/api/customers?${query}`, { token });
  const countCode = (customerCode: string) => t.db.getRepository(Customer).countBy({ customerCode });

  describe('create', () => {
    it('creates a customer with its details, and a duplicate code is a 409 that changes nothing', async () => {
      const code = unique('new');
      const res = await t.request<CustomerBody>('POST', '/api/customers', {
        token: admin,
        body: { customerCode: code, name: 'Globex', type: 'MSSP client', contactName: 'Hank', contactEmail: 'hank@globex.example', contactPhone: '+1 555 0100', address: '1 Main St', notes: 'VIP' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(expect.objectContaining({ id: expect.any(Number), customerCode: code, name: 'Globex', type: 'MSSP client', contactEmail: 'hank@globex.example', active: true, version: 1 }));
      expect((await get(res.body.id)).body).toEqual(expect.objectContaining({ customerCode: code, name: 'Globex', contactEmail: 'hank@globex.example' }));
      expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode: code, name: 'Imposter' } }), 409, 'customerCode');
      expect((await get(res.body.id)).body.name).toBe('Globex');
      expect(await countCode(code)).toBe(1);
    });

    it('refuses a bad slug or unknown fields with 400 naming the field, creating nothing', async () => {
      for (const customerCode of ['Bad Code', 'UPPER', 'a', '-lead', 'x'.repeat(33), 'semi;colon']) {
        expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode, name: 'Bad' } }), 400, 'customerCode');
        expect(await countCode(customerCode)).toBe(0);
      }
      const code = unique('extra');
      expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode: code, name: 'X', isAdmin: true } }), 400, 'isAdmin');
      expect(await countCode(code)).toBe(0);
    });

    it('requires an existing parent customer', async () => {
      const code = unique('orphan');
      expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode: code, name: 'Orphan', parentCustomerCode: code } }), 400, 'parentCustomerCode');
      expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode: code, name: 'Orphan', parentCustomerCode: 'no-such-parent' } }), 400, 'parentCustomerCode');
      expect(await countCode(code)).toBe(0);
      const parent = await t.createCustomer(admin, unique('parent'));
      const child = await t.createCustomer(admin, unique('child'), { parentCustomerCode: parent.customerCode });
      expect((await get(child.id)).body.parentCustomerCode).toBe(parent.customerCode);
    });
  });

  describe('list', () => {
    it('pages with a cursor, searches with q (codes with _ too) and hides inactive customers unless asked', async () => {
      const prefix = unique('lp');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.createCustomer(admin, `${prefix}_${i}`)).id);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Awaited<ReturnType<typeof list>> = await list(`limit=2&q=${prefix}_${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(5);
        seen.push(...res.body.items.map((c) => c.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));

      expect((await list(`q=${prefix}_3`)).body.items.map((c) => c.id)).toEqual([ids[3]]);
      expect((await t.request('POST', `/api/customers/${ids[0]}/deactivate`, { token: admin })).status).toBe(200);
      expect((await list(`q=${prefix}`)).body.total).toBe(4);
      expect((await list(`q=${prefix}&includeInactive=true`)).body.total).toBe(5);
    });
  });

  describe('update', () => {
    it('patches details but never the code (an unknown field), leaving the row as it was', async () => {
      const c = await t.createCustomer(admin, unique('up'));
      const res = await patch(c.id, { name: 'Renamed Inc', contactEmail: 'soc@renamed.example' });
      expect(res.status).toBe(200);
      expect((await get(c.id)).body).toEqual(expect.objectContaining({ name: 'Renamed Inc', contactEmail: 'soc@renamed.example', customerCode: c.customerCode }));
      expectProblem(await patch(c.id, { customerCode: unique('moved') }), 400, 'customerCode');
      expectProblem(await patch(c.id, { name: '' }), 400, 'name');
      expectProblem(await patch(c.id, { parentCustomerCode: c.customerCode }), 400, 'parentCustomerCode');
      expectProblem(await patch(c.id, { parentCustomerCode: 'nope-nope' }), 400, 'parentCustomerCode');
      expect((await get(c.id)).body).toEqual(expect.objectContaining({ customerCode: c.customerCode, name: 'Renamed Inc', parentCustomerCode: null, version: res.body.version }));
    });

    it('honours If-Match: a stale version is 412 and changes nothing; the current one succeeds and bumps the version', async () => {
      const c = await t.createCustomer(admin, unique('im'));
      const v = (await get(c.id)).body.version;
      expect((await patch(c.id, { name: 'First' }, admin, { 'if-match': `"${v}"` })).body.version).toBe(v + 1);
      expectProblem(await patch(c.id, { name: 'Lost update' }, admin, { 'if-match': `"${v}"` }), 412);
      expect((await get(c.id)).body).toEqual(expect.objectContaining({ name: 'First', version: v + 1 }));
      expectProblem(await patch(c.id, { name: 'Garbled' }, admin, { 'if-match': 'yesterday' }), 400);
      const ok = await patch(c.id, { name: 'Second' }, admin, { 'if-match': String(v + 1) });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual(expect.objectContaining({ name: 'Second', version: v + 2 }));
    });

    it('deactivates and reactivates', async () => {
      const c = await t.createCustomer(admin, unique('act'));
      const off = await t.request<CustomerBody>('POST', `/api/customers/${c.id}/deactivate`, { token: admin });
      expect(off.status).toBe(200);
      expect((await get(c.id)).body.active).toBe(false);
      expect((await list(`q=${c.customerCode}`)).body.total).toBe(0);
      expect((await t.request<CustomerBody>('POST', `/api/customers/${c.id}/activate`, { token: admin })).body.active).toBe(true);
      expect((await list(`q=${c.customerCode}`)).body.total).toBe(1);
    });

    it('accepts a PNG, JPEG or WebP logo up to 256 KB and refuses SVG, oversize or malformed ones', async () => {
      const c = await t.createCustomer(admin, unique('logo'));
      const png = dataUrl('image/png', 256 * 1024);
      expect((await patch(c.id, { logo: dataUrl('image/jpeg', 100) })).status).toBe(200);
      expect((await patch(c.id, { logo: dataUrl('image/webp', 100) })).status).toBe(200);
      expect((await patch(c.id, { logo: png })).status).toBe(200);
      const svg = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64')}`;
      for (const logo of [svg, dataUrl('image/png', 300 * 1024), 'data:image/png;base64,***', 'https://evil.example/logo.png', dataUrl('text/html', 10)]) {
        expectProblem(await patch(c.id, { logo }), 400, 'logo');
      }
      expectProblem(await t.request('POST', '/api/customers', { token: admin, body: { customerCode: unique('svg'), name: 'Svg', logo: svg } }), 400, 'logo');
      expect((await get(c.id)).body.logo).toBe(png);
      expect((await patch(c.id, { logo: null })).body.logo).toBeNull();
    });
  });

  describe('delete', () => {
    it('answers 409 while the customer owns data (deactivate instead), and deletes once it owns none', async () => {
      const c = await t.createCustomer(admin, unique('own'));
      const child = await t.createCustomer(admin, unique('kid'), { parentCustomerCode: c.customerCode });
      const u = await t.createUser(admin, unique('owner'), 'customer_user', [c.customerCode]);
      const refused = expectProblem(await t.request('DELETE', `/api/customers/${c.id}`, { token: admin }), 409);
      expect(refused.detail).toMatch(/deactivate/i);
      expect((await get(c.id)).status).toBe(200);
      expect((await t.request('PUT', `/api/users/${u.id}/customers`, { token: admin, body: { customerCodes: [] } })).status).toBe(200);
      expectProblem(await t.request('DELETE', `/api/customers/${c.id}`, { token: admin }), 409);
      expect((await t.request('DELETE', `/api/customers/${child.id}`, { token: admin })).status).toBe(204);
      expect((await t.request('DELETE', `/api/customers/${c.id}`, { token: admin })).status).toBe(204);
      expectProblem(await get(c.id), 404);
      expect(await countCode(c.customerCode)).toBe(0);
      expectProblem(await t.request('DELETE', `/api/customers/${c.id}`, { token: admin }), 404);
    });
  });

  describe('tenancy and roles', () => {
    it('shows a customer user only its own customers and answers 404 for any other id', async () => {
      const [mine, mine2, theirs] = [await t.createCustomer(admin, unique('mine')), await t.createCustomer(admin, unique('mine')), await t.createCustomer(admin, unique('theirs'))];
      const u = await t.createUser(admin, unique('cuview'), 'customer_user', [mine.customerCode, mine2.customerCode]);
      const page = await list('limit=200&includeInactive=true', u.token);
      expect(page.body.items.map((c) => c.customerCode).sort()).toEqual([mine.customerCode, mine2.customerCode].sort());
      expect(page.body.total).toBe(2);
      expect((await get(mine.id, u.token)).status).toBe(200);
      expectProblem(await get(theirs.id, u.token), 404);
      expectProblem(await patch(mine.id, { name: 'Self-service' }, u.token), 403);
      expectProblem(await t.request('POST', `/api/customers/${mine.id}/deactivate`, { token: u.token }), 403);
      expect((await get(mine.id)).body.name).toBe(`Customer ${mine.customerCode}`);
    });

    it('limits an analyst with a customer list to those customers; without one an analyst sees all', async () => {
      const [inside, outside] = [await t.createCustomer(admin, unique('in')), await t.createCustomer(admin, unique('out'))];
      const limited = await t.createUser(admin, unique('lim'), 'analyst', [inside.customerCode]);
      const open = await t.createUser(admin, unique('open'), 'analyst');
      const seen = (await list('limit=200&includeInactive=true', limited.token)).body;
      expect(seen.items.map((c) => c.customerCode)).toEqual([inside.customerCode]);
      expect(seen.total).toBe(1);
      expectProblem(await get(outside.id, limited.token), 404);
      expectProblem(await patch(outside.id, { name: 'Hijacked' }, limited.token), 404);
      expectProblem(await t.request('POST', `/api/customers/${outside.id}/deactivate`, { token: limited.token }), 404);
      expectProblem(await patch(inside.id, { parentCustomerCode: outside.customerCode }, limited.token), 400, 'parentCustomerCode');
      expect((await get(outside.id)).body).toEqual(expect.objectContaining({ name: `Customer ${outside.customerCode}`, active: true }));

      const all = (await list('limit=200&includeInactive=true', open.token)).body.items.map((c) => c.customerCode);
      expect(all).toEqual(expect.arrayContaining([inside.customerCode, outside.customerCode]));
      expect((await list('limit=1&includeInactive=true', open.token)).body.total).toBe(await t.db.getRepository(Customer).count());
    });

    it('lets analysts update and deactivate within scope but not create or delete', async () => {
      const c = await t.createCustomer(admin, unique('an'));
      const analyst = await t.createUser(admin, unique('anw'), 'analyst', [c.customerCode]);
      expect((await patch(c.id, { notes: 'triaged' }, analyst.token)).status).toBe(200);
      expect((await t.request('POST', `/api/customers/${c.id}/deactivate`, { token: analyst.token })).status).toBe(200);
      expect((await t.request('POST', `/api/customers/${c.id}/activate`, { token: analyst.token })).status).toBe(200);
      const code = unique('ancreate');
      expectProblem(await t.request('POST', '/api/customers', { token: analyst.token, body: { customerCode: code, name: 'Nope' } }), 403);
      expect(await countCode(code)).toBe(0);
      const spare = await t.createCustomer(admin, unique('spare'));
      expectProblem(await t.request('DELETE', `/api/customers/${spare.id}`, { token: analyst.token }), 403);
      expect((await get(spare.id)).status).toBe(200);
      expect((await get(c.id)).body).toEqual(expect.objectContaining({ notes: 'triaged', active: true }));
    });
  });
});
