import { Case, CaseEvent } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { alertDetail, CASES, CaseBody, caseDetail, CaseDetailBody, createCase, distinctAlert } from './case-helpers';
import { expectProblem, PageBody, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('cases: create, list, detail, update, delete, tenancy (integration)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    code = (await t.createCustomer(admin, unique('cas'))).customerCode;
  });
  afterAll(() => t.close());

  const url = (id: number) => `${CASES}/${id}`;
  const patch = (id: number, body: unknown, token = admin, headers: Record<string, string> = {}) => t.request<CaseDetailBody>('PATCH', url(id), { token, body, headers });

  describe('create', () => {
    it('creates an OPEN case with a CREATED timeline event by the caller and no template when none exists', async () => {
      const analyst = await t.createUser(admin, unique('cra'), 'analyst');
      const res = await t.request<CaseDetailBody>('POST', CASES, { token: admin, body: { name: '  Ransomware at HQ  ', description: 'd', customerCode: code, assigneeId: analyst.id, escalated: true } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(expect.objectContaining({
        name: 'Ransomware at HQ', description: 'd', status: 'OPEN', closedAt: null, customerCode: code, assigneeId: analyst.id, escalated: true, template: null, templateId: null,
        alerts: [], tasks: [], comments: [], alertCount: 0, version: 1,
      }));
      expect(res.body.timeline).toEqual([expect.objectContaining({ kind: 'CREATED', actorUsername: 'admin', toValue: 'OPEN' })]);
      expect(Math.abs(Date.parse(res.body.createdAt) - Date.now())).toBeLessThan(60_000);
    });

    it('refuses unknown or out-of-scope customers, bad fields and unassignable users with 400 and writes nothing', async () => {
      const theirs = await t.createCustomer(admin, unique('thr'));
      const limited = await t.createUser(admin, unique('lim'), 'analyst', [code]);
      const cu = await t.createUser(admin, unique('cuc'), 'customer_user', [code]);
      const unknown = expectProblem(await t.request('POST', CASES, { token: admin, body: { name: 'x', customerCode: 'no-such-customer' } }), 400, 'customerCode');
      const outside = expectProblem(await t.request('POST', CASES, { token: limited.token, body: { name: 'x', customerCode: theirs.customerCode } }), 400, 'customerCode');
      expect(outside.title).toBe(unknown.title);
      expectProblem(await t.request('POST', CASES, { token: admin, body: { name: '', customerCode: code, status: 'OPEN' } }), 400, 'name', 'status');
      for (const assigneeId of [cu.id, 2_000_000_000]) expectProblem(await t.request('POST', CASES, { token: admin, body: { name: 'x', customerCode: code, assigneeId } }), 400, 'assigneeId');
      expect(await t.db.getRepository(Case).countBy({ customerCode: theirs.customerCode })).toBe(0);
      expect(await t.db.getRepository(Case).countBy({ name: 'x' })).toBe(0);
    });

    it('lets a customer user create a case for its customer, but not assign or escalate it (403 naming the field)', async () => {
      const cu = await t.createUser(admin, unique('cuk'), 'customer_user', [code]);
      const own = await createCase(t, cu.token, code);
      expect(own).toEqual(expect.objectContaining({ customerCode: code, assigneeId: null }));
      const refused = expectProblem(await t.request('POST', CASES, { token: cu.token, body: { name: 'mine', customerCode: code, assigneeId: 1 } }), 403, 'assigneeId');
      expect(refused.detail).toMatch(/customer user/);
      expectProblem(await t.request('POST', CASES, { token: cu.token, body: { name: 'mine', customerCode: code, escalated: true } }), 403, 'escalated');
    });
  });

  describe('list', () => {
    let lc: string;
    let c: CaseBody[];
    let analystId: number;

    beforeAll(async () => {
      lc = (await t.createCustomer(admin, unique('lst'))).customerCode;
      analystId = (await t.createUser(admin, unique('lsa'), 'analyst')).id;
      c = [];
      for (const name of ['Phishing wave', 'Lateral movement', 'Data 100%_leak', 'Phishing again']) c.push(await createCase(t, admin, lc, { name }));
      expect((await patch(c[1].id, { status: 'IN_PROGRESS', assigneeId: analystId })).status).toBe(200);
      expect((await patch(c[2].id, { status: 'CLOSED' })).status).toBe(200);
    });

    const ids = async (query: string, token = admin) => {
      const res = await t.request<PageBody<CaseBody>>('GET', `${CASES}?customerCode=${lc}&${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((x) => x.id);
    };
    const ix = (...n: number[]) => n.map((i) => c[i].id);

    it('filters by status, assignee, name text and creation time, newest first', async () => {
      expect(await ids('')).toEqual(ix(3, 2, 1, 0));
      expect(await ids('status=OPEN')).toEqual(ix(3, 0));
      expect(await ids('status=IN_PROGRESS,CLOSED')).toEqual(ix(2, 1));
      expect(await ids(`assigneeId=${analystId}`)).toEqual(ix(1));
      expect(await ids('assigneeId=unassigned')).toEqual(ix(3, 2, 0));
      expect(await ids('name=PHISHING')).toEqual(ix(3, 0));
      expect(await ids(`name=${encodeURIComponent('%_')}`)).toEqual(ix(2));
      expect(await ids(`from=${encodeURIComponent(c[2].createdAt)}`)).toEqual(ix(3, 2));
      expect(await ids(`to=${encodeURIComponent(c[1].createdAt)}`)).toEqual(ix(1, 0));
      expect(await ids('from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z')).toEqual([]);
    });

    it('pages by keyset without gaps or duplicates, with total only when asked', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: PageBody<CaseBody> } = await t.request<PageBody<CaseBody>>('GET', `${CASES}?customerCode=${lc}&limit=3&withTotal=true${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
        expect(res.body.total).toBe(4);
        seen.push(...res.body.items.map((x) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ix(3, 2, 1, 0));
      expect((await t.request<PageBody<CaseBody>>('GET', `${CASES}?customerCode=${lc}&limit=2`, { token: admin })).body).not.toHaveProperty('total');
    });

    it('refuses bad filters with 400 naming them', async () => {
      for (const [query, field] of [['status=SOLVED', 'status'], ['assigneeId=bob', 'assigneeId'], ['from=yesterday', 'from'], ['cursor=junk', 'cursor'], ['customerCode=no-such-customer', 'customerCode'], ['colour=red', 'colour']]) {
        expectProblem(await t.request('GET', `${CASES}?${query}`, { token: admin }), 400, field);
      }
    });
  });

  describe('update', () => {
    it('closes (closedAt set) and reopens (closedAt cleared), each change one timeline event; a repeat changes nothing', async () => {
      const k = await createCase(t, admin, code);
      const analyst = await t.createUser(admin, unique('upa'), 'analyst');
      const closed = await patch(k.id, { status: 'CLOSED' });
      expect(closed.body).toEqual(expect.objectContaining({ status: 'CLOSED', closedAt: expect.any(String), version: 2 }));
      const reopened = await patch(k.id, { status: 'IN_PROGRESS', name: 'Renamed', description: 'new', assigneeId: analyst.id, escalated: true }, analyst.token);
      expect(reopened.body).toEqual(expect.objectContaining({ status: 'IN_PROGRESS', closedAt: null, name: 'Renamed', assigneeId: analyst.id, escalated: true, version: 3 }));
      expect((await patch(k.id, { status: 'IN_PROGRESS', name: 'Renamed' })).body.version).toBe(3);
      const kinds = (await caseDetail(t, admin, k.id)).timeline.map((e) => [e.kind, e.fromValue, e.toValue]);
      expect(kinds).toEqual([
        ['CREATED', null, 'OPEN'], ['STATUS', 'OPEN', 'CLOSED'], ['NAME', k.name, 'Renamed'], ['DESCRIPTION', null, null], ['STATUS', 'CLOSED', 'IN_PROGRESS'],
        ['ASSIGNEE', null, String(analyst.id)], ['ESCALATED', 'false', 'true'],
      ]);
    });

    it('honours If-Match: a stale version is 412 and changes nothing', async () => {
      const k = await createCase(t, admin, code);
      expect((await patch(k.id, { name: 'v2' }, admin, { 'if-match': '"1"' })).body.version).toBe(2);
      expectProblem(await patch(k.id, { name: 'lost', status: 'CLOSED' }, admin, { 'if-match': '"1"' }), 412);
      expect(await caseDetail(t, admin, k.id)).toEqual(expect.objectContaining({ name: 'v2', status: 'OPEN', version: 2 }));
    });

    it('refuses unknown statuses (400) and, to a customer user, assignee and escalation (403); nothing changes', async () => {
      const k = await createCase(t, admin, code);
      const cu = await t.createUser(admin, unique('cup'), 'customer_user', [code]);
      expectProblem(await patch(k.id, { status: 'SOLVED' }), 400, 'status');
      expectProblem(await patch(k.id, { status: 'CLOSED', assigneeId: 1 }, cu.token), 403, 'assigneeId');
      expectProblem(await patch(k.id, { escalated: true }, cu.token), 403, 'escalated');
      expect((await caseDetail(t, admin, k.id)).version).toBe(1);
      expect((await patch(k.id, { status: 'CLOSED', name: 'Customer closed it' }, cu.token)).body).toEqual(expect.objectContaining({ status: 'CLOSED', name: 'Customer closed it' }));
    });
  });

  describe('delete and tenancy', () => {
    it('deletes a case with its timeline (admins and analysts only); its alerts stay and their timeline records the unlink', async () => {
      const k = await createCase(t, admin, code);
      const a = await distinctAlert(t, admin, code);
      expect((await t.request('POST', `${url(k.id)}/alerts`, { token: admin, body: { alertIds: [a.id] } })).status).toBe(200);
      const cu = await t.createUser(admin, unique('cud'), 'customer_user', [code]);
      expectProblem(await t.request('DELETE', url(k.id), { token: cu.token }), 403);
      expect((await t.request('DELETE', url(k.id), { token: admin })).status).toBe(204);
      expectProblem(await t.request('GET', url(k.id), { token: admin }), 404);
      expect(await t.db.getRepository(CaseEvent).countBy({ caseId: k.id })).toBe(0);
      const timeline = (await alertDetail(t, admin, a.id)).timeline.map((e) => [e.kind, e.fromValue, e.toValue]);
      expect(timeline.slice(-2)).toEqual([['LINKED', null, String(k.id)], ['UNLINKED', String(k.id), null]]);
    });

    it('answers 404 to a customer user and a limited analyst for another customer\'s case, and lists only their own', async () => {
      const [mine, theirs] = [await t.createCustomer(admin, unique('mn')), await t.createCustomer(admin, unique('th'))];
      const other = await createCase(t, admin, theirs.customerCode);
      const own = await createCase(t, admin, mine.customerCode);
      const cu = await t.createUser(admin, unique('tcu'), 'customer_user', [mine.customerCode]);
      const limited = await t.createUser(admin, unique('tla'), 'analyst', [mine.customerCode]);
      for (const token of [cu.token, limited.token]) {
        expectProblem(await t.request('GET', url(other.id), { token }), 404);
        expectProblem(await patch(other.id, { status: 'CLOSED' }, token), 404);
        expectProblem(await t.request('POST', `${url(other.id)}/comments`, { token, body: { body: 'peek' } }), 404);
        expect((await t.request<PageBody<CaseBody>>('GET', `${CASES}?limit=200`, { token })).body.items.map((x) => x.id)).toEqual([own.id]);
      }
      expectProblem(await t.request('DELETE', url(other.id), { token: limited.token }), 404);
      expect(await caseDetail(t, admin, other.id)).toEqual(expect.objectContaining({ status: 'OPEN', version: 1, comments: [] }));
    });

    it('keeps a customer with cases from being deleted (409)', async () => {
      const c = await t.createCustomer(admin, unique('own'));
      await createCase(t, admin, c.customerCode);
      expect(expectProblem(await t.request('DELETE', `/api/customers/${c.id}`, { token: admin }), 409).detail).toMatch(/cases/);
    });
  });
});
