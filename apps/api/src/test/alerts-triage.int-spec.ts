import { AlertComment, AlertEvent, AlertTag } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { AlertBody, AlertDetailBody, createAlert } from './alert-helpers';
import { expectProblem, PageBody, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('alerts: triage, comments, delete, tenancy (integration)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    code = (await t.createCustomer(admin, unique('tri'))).customerCode;
  });
  afterAll(() => t.close());

  const url = (id: number) => `/api/incidents/alerts/${id}`;
  const detail = async (id: number) => (await t.request<AlertDetailBody>('GET', url(id), { token: admin })).body;
  const patch = (id: number, body: unknown, token = admin, headers: Record<string, string> = {}) => t.request<AlertBody>('PATCH', url(id), { token, body, headers });

  it('patches each field, each change leaving one timeline event with actor and time; a repeat changes nothing', async () => {
    const a = await createAlert(t, admin, code);
    const analyst = await t.createUser(admin, unique('tra'), 'analyst');
    const before = Date.now();
    const closed = await patch(a.id, { status: 'CLOSED' });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual(expect.objectContaining({ status: 'CLOSED', closedAt: expect.any(String), version: 2 }));
    const reopened = await patch(a.id, { status: 'IN_PROGRESS', severity: 'Critical', assigneeId: analyst.id, escalated: true, tags: ['Phishing', 'vip'] }, analyst.token);
    expect(reopened.body).toEqual(expect.objectContaining({ status: 'IN_PROGRESS', closedAt: null, severity: 'Critical', assigneeId: analyst.id, escalated: true, tags: ['phishing', 'vip'], version: 3 }));
    expect((await patch(a.id, { tags: ['vip'] })).body).toEqual(expect.objectContaining({ tags: ['vip'], version: 4 }));
    expect((await patch(a.id, { assigneeId: null })).body.assigneeId).toBeNull();
    const repeat = await patch(a.id, { status: 'IN_PROGRESS', severity: 'Critical', tags: ['VIP'] });
    expect(repeat.body.version).toBe(5);

    const d = await detail(a.id);
    expect(d.timeline.map((e) => [e.kind, e.actorUsername, e.fromValue, e.toValue])).toEqual([
      ['CREATED', 'admin', null, 'OPEN'],
      ['STATUS', 'admin', 'OPEN', 'CLOSED'],
      ['STATUS', expect.stringMatching(/^tra/), 'CLOSED', 'IN_PROGRESS'],
      ['SEVERITY', expect.stringMatching(/^tra/), 'Medium', 'Critical'],
      ['ASSIGNEE', expect.stringMatching(/^tra/), null, String(analyst.id)],
      ['ESCALATED', expect.stringMatching(/^tra/), 'false', 'true'],
      ['TAGS', expect.stringMatching(/^tra/), '[]', '["phishing","vip"]'],
      ['TAGS', 'admin', '["phishing","vip"]', '["vip"]'],
      ['ASSIGNEE', 'admin', String(analyst.id), null],
    ]);
    expect(d.timeline[2].actorId).toBe(analyst.id);
    for (const e of d.timeline.slice(1)) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('accepts only assignable users (enabled admins or analysts) as assignee', async () => {
    const a = await createAlert(t, admin, code);
    const cu = await t.createUser(admin, unique('nas'), 'customer_user', [code]);
    const off = await t.createUser(admin, unique('off'), 'analyst');
    expect((await t.request('PATCH', `/api/users/${off.id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
    for (const assigneeId of [cu.id, off.id, 2_000_000_000]) expectProblem(await patch(a.id, { assigneeId, severity: 'High' }), 400, 'assigneeId');
    expectProblem(await patch(a.id, { assigneeId: 'bob' }), 400, 'assigneeId');
    expect(await detail(a.id)).toEqual(expect.objectContaining({ assigneeId: null, severity: 'Medium', version: 1 }));
  });

  it('lets a customer user set the status only: anything else is a 403 naming the field and changes nothing', async () => {
    const a = await createAlert(t, admin, code);
    const cu = await t.createUser(admin, unique('cus'), 'customer_user', [code]);
    expect((await patch(a.id, { status: 'IN_PROGRESS' }, cu.token)).body.status).toBe('IN_PROGRESS');
    for (const body of [{ severity: 'Low' }, { assigneeId: 1 }, { verdict: 'TRUE_POSITIVE' }, { tags: ['x'] }, { escalated: true }]) {
      expectProblem(await patch(a.id, { status: 'CLOSED', ...body }, cu.token), 403, Object.keys(body)[0]);
    }
    expect(await detail(a.id)).toEqual(expect.objectContaining({ status: 'IN_PROGRESS', severity: 'Medium', assigneeId: null, verdict: null, tags: [], escalated: false, version: 2 }));
    expect((await t.request('POST', `${url(a.id)}/comments`, { token: cu.token, body: { body: 'Seen on our side' } })).status).toBe(201);
  });

  it('requires a reason for a false positive and records who set a verdict and when', async () => {
    const a = await createAlert(t, admin, code);
    expectProblem(await patch(a.id, { verdict: 'FALSE_POSITIVE' }), 400, 'verdictReason');
    expectProblem(await patch(a.id, { verdict: 'TRUE_POSITIVE', verdictReason: 'OTHER' }), 400, 'verdictReason');
    expectProblem(await patch(a.id, { verdictReason: 'OTHER' }), 400, 'verdictReason');
    expectProblem(await patch(a.id, { verdict: 'FALSE_POSITIVE', verdictReason: 'BORED' }), 400, 'verdictReason');
    expectProblem(await patch(a.id, { verdict: 'FALSE_POSITIVE', verdictReason: 'OTHER', verdictNote: 'n'.repeat(1025) }), 400, 'verdictNote');
    expect((await detail(a.id)).verdict).toBeNull();
    const fp = await patch(a.id, { verdict: 'FALSE_POSITIVE', verdictReason: 'KNOWN_APPLICATION', verdictNote: 'Backup agent' });
    expect(fp.body).toEqual(expect.objectContaining({ verdict: 'FALSE_POSITIVE', verdictReason: 'KNOWN_APPLICATION', verdictNote: 'Backup agent', verdictBy: 'admin', verdictAt: expect.any(String) }));
    const tp = await patch(a.id, { verdict: 'TRUE_POSITIVE' });
    expect(tp.body).toEqual(expect.objectContaining({ verdict: 'TRUE_POSITIVE', verdictReason: null, verdictNote: null }));
    const cleared = await patch(a.id, { verdict: null });
    expect(cleared.body).toEqual(expect.objectContaining({ verdict: null, verdictBy: null, verdictAt: null }));
    const verdicts = (await detail(a.id)).timeline.filter((e) => e.kind === 'VERDICT').map((e) => [e.fromValue, e.toValue]);
    expect(verdicts).toEqual([[null, 'FALSE_POSITIVE/KNOWN_APPLICATION'], ['FALSE_POSITIVE/KNOWN_APPLICATION', 'TRUE_POSITIVE'], ['TRUE_POSITIVE', null]]);
  });

  it('honours If-Match: a stale version is 412 and changes nothing', async () => {
    const a = await createAlert(t, admin, code);
    expect((await patch(a.id, { severity: 'High' }, admin, { 'if-match': '"1"' })).body.version).toBe(2);
    expectProblem(await patch(a.id, { severity: 'Low', tags: ['lost'] }, admin, { 'if-match': '"1"' }), 412);
    expectProblem(await patch(a.id, { severity: 'High' }, admin, { 'if-match': '"1"' }), 412);
    expectProblem(await patch(a.id, { severity: 'Low' }, admin, { 'if-match': 'soon' }), 400);
    const d = await detail(a.id);
    expect(d).toEqual(expect.objectContaining({ severity: 'High', tags: [], version: 2 }));
    expect(d.timeline.filter((e) => e.kind === 'SEVERITY')).toHaveLength(1);
    expect((await patch(a.id, { tags: ['kept'] }, admin, { 'if-match': '2' })).body).toEqual(expect.objectContaining({ tags: ['kept'], version: 3 }));
  });

  it('takes a comment\'s author from the token and refuses an author in the body', async () => {
    const a = await createAlert(t, admin, code);
    const analyst = await t.createUser(admin, unique('com'), 'analyst');
    expectProblem(await t.request('POST', `${url(a.id)}/comments`, { token: analyst.token, body: { body: 'Forged', author: 'admin' } }), 400, 'author');
    expectProblem(await t.request('POST', `${url(a.id)}/comments`, { token: analyst.token, body: { body: '   ' } }), 400, 'body');
    expectProblem(await t.request('POST', `${url(a.id)}/comments`, { token: analyst.token, body: { body: 'x'.repeat(10001) } }), 400, 'body');
    const res = await t.request<{ id: number; authorId: number; authorUsername: string; body: string; createdAt: string }>('POST', `${url(a.id)}/comments`, { token: analyst.token, body: { body: 'Looks real' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ authorId: analyst.id, authorUsername: expect.stringMatching(/^com/), body: 'Looks real' }));
    expect(Math.abs(Date.parse(res.body.createdAt) - Date.now())).toBeLessThan(60_000);
    expect((await detail(a.id)).comments.map((c) => c.body)).toEqual(['Looks real']);
  });

  it('deletes an alert with its tags, comments and timeline; analysts may, customer users may not', async () => {
    const a = await createAlert(t, admin, code, { tags: ['gone'] });
    const cu = await t.createUser(admin, unique('del'), 'customer_user', [code]);
    const analyst = await t.createUser(admin, unique('dla'), 'analyst');
    expect((await t.request('POST', `${url(a.id)}/comments`, { token: admin, body: { body: 'bye' } })).status).toBe(201);
    expectProblem(await t.request('DELETE', url(a.id), { token: cu.token }), 403);
    expect((await t.request('GET', url(a.id), { token: admin })).status).toBe(200);
    expect((await t.request('DELETE', url(a.id), { token: analyst.token })).status).toBe(204);
    expectProblem(await t.request('GET', url(a.id), { token: admin }), 404);
    expectProblem(await t.request('DELETE', url(a.id), { token: admin }), 404);
    for (const entity of [AlertTag, AlertComment, AlertEvent]) expect(await t.db.getRepository(entity).countBy({ alertId: a.id })).toBe(0);
  });

  it('answers 404 on every id route to a customer user and a limited analyst for another customer\'s alert, changing nothing', async () => {
    const [mine, theirs] = [await t.createCustomer(admin, unique('mn')), await t.createCustomer(admin, unique('th'))];
    const other = await createAlert(t, admin, theirs.customerCode, { tags: ['secret'] });
    const own = await createAlert(t, admin, mine.customerCode);
    const before = await detail(other.id);
    const cu = await t.createUser(admin, unique('tcu'), 'customer_user', [mine.customerCode]);
    const limited = await t.createUser(admin, unique('tla'), 'analyst', [mine.customerCode]);
    for (const token of [cu.token, limited.token]) {
      expectProblem(await t.request('GET', url(other.id), { token }), 404);
      expectProblem(await patch(other.id, { status: 'CLOSED' }, token), 404);
      expectProblem(await t.request('POST', `${url(other.id)}/comments`, { token, body: { body: 'peek' } }), 404);
      const listed = await t.request<PageBody<AlertBody>>('GET', '/api/incidents/alerts?limit=200', { token });
      expect(listed.body.items.map((x) => x.id)).toEqual([own.id]);
      expectProblem(await t.request('GET', `/api/incidents/alerts?customerCode=${theirs.customerCode}`, { token }), 400, 'customerCode');
    }
    expectProblem(await t.request('DELETE', url(other.id), { token: limited.token }), 404);
    expect(await detail(other.id)).toEqual(before);
  });

  it('keeps a customer with alerts from being deleted (409) until its alerts are gone', async () => {
    const c = await t.createCustomer(admin, unique('own'));
    const a = await createAlert(t, admin, c.customerCode);
    const refused = expectProblem(await t.request('DELETE', `/api/customers/${c.id}`, { token: admin }), 409);
    expect(refused.detail).toMatch(/alerts/);
    expect((await t.request('DELETE', url(a.id), { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/customers/${c.id}`, { token: admin })).status).toBe(204);
  });
});
