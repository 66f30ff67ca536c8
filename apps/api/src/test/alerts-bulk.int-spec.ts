import { Alert, Case } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { alertDetail, CASES, caseDetail, createCase, createTemplate, distinctAlert } from './case-helpers';
import { expectProblem, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

interface BulkBody {
  action: string;
  caseId?: number | null;
  results: { id: number; ok: boolean; status: number; error?: string }[];
}

describe('alerts: bulk actions (integration)', () => {
  let t: TestApp;
  let admin: string;
  let mine: string;
  let theirs: string;
  let limited: { id: number; token: string };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    mine = (await t.createCustomer(admin, unique('blk'))).customerCode;
    theirs = (await t.createCustomer(admin, unique('oth'))).customerCode;
    limited = await t.createUser(admin, unique('bla'), 'analyst', [mine]);
  });
  afterAll(() => t.close());

  const bulk = (body: Record<string, unknown>, token = admin) => t.request<BulkBody>('POST', '/api/incidents/alerts/bulk', { token, body });
  const outcome = (res: { body: BulkBody }) => res.body.results.map((r) => [r.id, r.status]);
  const alerts = async (n: number, code = mine) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await distinctAlert(t, admin, code)).id);
    return out;
  };

  it('sets the status per alert with its timeline; another customer\'s and unknown ids are per-item 404s, changing nothing', async () => {
    const [a, b] = await alerts(2);
    const [foreign] = await alerts(1, theirs);
    const res = await bulk({ action: 'status', ids: [a, foreign, b, 2_000_000_000], status: 'CLOSED' }, limited.token);
    expect(res.status).toBe(200);
    expect(outcome(res)).toEqual([[a, 200], [foreign, 404], [b, 200], [2_000_000_000, 404]]);
    expect(res.body.results[1]).toEqual({ id: foreign, ok: false, status: 404, error: `Alert ${foreign} not found` });
    for (const id of [a, b]) expect((await alertDetail(t, admin, id)).timeline.slice(-1)[0]).toEqual(expect.objectContaining({ kind: 'STATUS', toValue: 'CLOSED', actorId: limited.id }));
    expect(await alertDetail(t, admin, foreign)).toEqual(expect.objectContaining({ status: 'OPEN', version: 1 }));
  });

  it('assigns and un-assigns; an unassignable user is one 400 before any alert changes', async () => {
    const ids = await alerts(2);
    const cu = await t.createUser(admin, unique('bcu'), 'customer_user', [mine]);
    expectProblem(await bulk({ action: 'assign', ids, assigneeId: cu.id }), 400, 'assigneeId');
    expect(await t.db.getRepository(Alert).countBy({ assigneeId: cu.id })).toBe(0);
    expect(outcome(await bulk({ action: 'assign', ids, assigneeId: limited.id }))).toEqual(ids.map((id) => [id, 200]));
    expect((await alertDetail(t, admin, ids[0])).assigneeId).toBe(limited.id);
    expect(outcome(await bulk({ action: 'assign', ids, assigneeId: null }))).toEqual(ids.map((id) => [id, 200]));
    expect((await alertDetail(t, admin, ids[1])).assigneeId).toBeNull();
  });

  it('adds tags to and removes tags from each alert\'s own set', async () => {
    const a = (await distinctAlert(t, admin, mine, { tags: ['keep', 'drop'] })).id;
    const [b] = await alerts(1);
    expect(outcome(await bulk({ action: 'tag', ids: [a, b], tags: ['Phishing', 'keep'] }))).toEqual([[a, 200], [b, 200]]);
    expect((await alertDetail(t, admin, a)).tags).toEqual(['drop', 'keep', 'phishing']);
    expect((await alertDetail(t, admin, b)).tags).toEqual(['keep', 'phishing']);
    expect(outcome(await bulk({ action: 'untag', ids: [a, b], tags: ['drop', 'phishing'] }))).toEqual([[a, 200], [b, 200]]);
    expect((await alertDetail(t, admin, a)).tags).toEqual(['keep']);
    const full = (await distinctAlert(t, admin, mine, { tags: Array.from({ length: 50 }, (_, i) => `t${i}`) })).id;
    const over = await bulk({ action: 'tag', ids: [full, b], tags: ['one-more'] });
    expect(outcome(over)).toEqual([[full, 400], [b, 200]]);
  });

  it('deletes per alert: a linked one is a 409 naming its case, the others go', async () => {
    const [a, linked] = await alerts(2);
    const k = await createCase(t, admin, mine);
    expect((await t.request('POST', `${CASES}/${k.id}/alerts`, { token: admin, body: { alertIds: [linked] } })).status).toBe(200);
    const res = await bulk({ action: 'delete', ids: [a, linked] });
    expect(outcome(res)).toEqual([[a, 204], [linked, 409]]);
    expect(res.body.results[1].error).toContain(String(k.id));
    expect(await t.db.getRepository(Alert).countBy({ id: a })).toBe(0);
  });

  it('merges into an existing case: MERGED on each alert, LINKED on the case; foreign ids 404, other customers\' alerts 400', async () => {
    const k = await createCase(t, admin, mine);
    const [a, b] = await alerts(2);
    const [other] = await alerts(1, theirs);
    const res = await bulk({ action: 'merge', ids: [a, other, b], caseId: k.id });
    expect(res.body.caseId).toBe(k.id);
    expect(outcome(res)).toEqual([[a, 200], [other, 400], [b, 200]]);
    const d = await caseDetail(t, admin, k.id);
    expect(d.alerts.map((x) => x.id).sort()).toEqual([a, b].sort());
    expect(d.timeline.filter((e) => e.kind === 'LINKED').map((e) => e.refId).sort()).toEqual([a, b].sort());
    expect((await alertDetail(t, admin, a)).timeline.slice(-1)[0]).toEqual(expect.objectContaining({ kind: 'MERGED', toValue: String(k.id) }));
    expect((await alertDetail(t, admin, other)).timeline.map((e) => e.kind)).toEqual(['CREATED']);
    expect(outcome(await bulk({ action: 'merge', ids: [a, other], caseId: k.id }, limited.token))).toEqual([[a, 200], [other, 404]]);
    expectProblem(await bulk({ action: 'merge', ids: [a], caseId: (await createCase(t, admin, theirs)).id }, limited.token), 404);
  });

  it('merges into a new case with the customer\'s template, and refuses alerts of two customers as a whole (nothing written)', async () => {
    const code = (await t.createCustomer(admin, unique('mrg'))).customerCode;
    const tpl = await createTemplate(t, admin, { customerCode: code, tasks: [{ title: 'Scope the incident', mandatory: true }] });
    const [a, b] = await alerts(2, code);
    const [other] = await alerts(1, theirs);
    const casesBefore = await t.db.getRepository(Case).count();
    expectProblem(await bulk({ action: 'merge', ids: [a, other], newCase: { name: 'Mixed' } }), 400, 'ids');
    expect(await t.db.getRepository(Case).count()).toBe(casesBefore);
    expect((await alertDetail(t, admin, a)).timeline.map((e) => e.kind)).toEqual(['CREATED']);
    const res = await bulk({ action: 'merge', ids: [a, b, 2_000_000_000], newCase: { name: 'Campaign', description: 'Same actor' } });
    expect(outcome(res)).toEqual([[a, 200], [b, 200], [2_000_000_000, 404]]);
    const d = await caseDetail(t, admin, res.body.caseId as number);
    expect(d).toEqual(expect.objectContaining({ name: 'Campaign', description: 'Same actor', customerCode: code, source: 'wazuh', template: { id: tpl.id, name: tpl.name } }));
    expect(d.tasks.map((x) => x.title)).toEqual(['Scope the incident']);
    expect((await alertDetail(t, admin, b)).timeline.slice(-1)[0]).toEqual(expect.objectContaining({ kind: 'MERGED', toValue: String(d.id) }));
  });

  it('refuses bad requests with 400 and customer users with 403', async () => {
    const [a] = await alerts(1);
    expectProblem(await bulk({ action: 'status', ids: [a] }), 400, 'status');
    expectProblem(await bulk({ action: 'delete', ids: [a], status: 'OPEN' }), 400, 'status');
    expectProblem(await bulk({ action: 'merge', ids: [a] }), 400, 'caseId');
    expectProblem(await bulk({ action: 'status', ids: [a, a], status: 'OPEN' }), 400, 'ids');
    expectProblem(await bulk({ action: 'status', ids: [], status: 'OPEN' }), 400, 'ids');
    expectProblem(await bulk({ action: 'status', ids: Array.from({ length: 501 }, (_, i) => i + 1), status: 'OPEN' }), 400, 'ids');
    expectProblem(await bulk({ action: 'archive', ids: [a] }), 400, 'action');
    expectProblem(await bulk({ action: 'status', ids: [a], status: 'DONE' }), 400, 'status');
    const cu = await t.createUser(admin, unique('bcu'), 'customer_user', [mine]);
    expectProblem(await bulk({ action: 'status', ids: [a], status: 'CLOSED' }, cu.token), 403);
    expect(await alertDetail(t, admin, a)).toEqual(expect.objectContaining({ status: 'OPEN', version: 1 }));
  });
});
