import { CaseAlert } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { AlertBody } from './alert-helpers';
import { alertDetail, CASES, caseDetail, CaseDetailBody, createCase, distinctAlert } from './case-helpers';
import { expectProblem, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('cases: alerts linked to cases (integration)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;
  let other: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    code = (await t.createCustomer(admin, unique('lnk'))).customerCode;
    other = (await t.createCustomer(admin, unique('oth'))).customerCode;
  });
  afterAll(() => t.close());

  const link = (caseId: number, alertIds: number[], token = admin) => t.request<CaseDetailBody>('POST', `${CASES}/${caseId}/alerts`, { token, body: { alertIds } });
  const alertKinds = async (id: number) => (await alertDetail(t, admin, id)).timeline.map((e) => [e.kind, e.fromValue, e.toValue]);

  it('creates a case from an alert: its title, description, status, assignee and customer, linked, with the first timeline events', async () => {
    const analyst = await t.createUser(admin, unique('fra'), 'analyst');
    const a = await distinctAlert(t, admin, code, { description: 'Seen on 3 hosts', source: 'graylog' });
    expect((await t.request('PATCH', `/api/incidents/alerts/${a.id}`, { token: admin, body: { status: 'IN_PROGRESS', assigneeId: analyst.id } })).status).toBe(200);
    const res = await t.request<CaseDetailBody>('POST', `${CASES}/from-alert`, { token: analyst.token, body: { alertId: a.id } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({
      name: a.title, description: 'Seen on 3 hosts', status: 'IN_PROGRESS', assigneeId: analyst.id, customerCode: code, source: 'graylog', alertCount: 1,
    }));
    expect(res.body.alerts).toEqual([expect.objectContaining({ id: a.id, title: a.title, linkedBy: expect.stringMatching(/^fra/) })]);
    expect(res.body.timeline.map((e) => [e.kind, e.refId, e.toValue])).toEqual([['CREATED', null, 'IN_PROGRESS'], ['LINKED', a.id, null]]);
    expect((await alertKinds(a.id)).slice(-1)).toEqual([['LINKED', null, String(res.body.id)]]);
  });

  it('answers the same 400 for an unknown alert and another customer\'s alert in from-alert', async () => {
    const theirs = await distinctAlert(t, admin, other);
    const cu = await t.createUser(admin, unique('fcu'), 'customer_user', [code]);
    expectProblem(await t.request('POST', `${CASES}/from-alert`, { token: admin, body: { alertId: 2_000_000_000 } }), 400, 'alertId');
    expectProblem(await t.request('POST', `${CASES}/from-alert`, { token: cu.token, body: { alertId: theirs.id } }), 400, 'alertId');
    const own = await distinctAlert(t, admin, code);
    expect((await t.request('POST', `${CASES}/from-alert`, { token: cu.token, body: { alertId: own.id } })).status).toBe(201);
  });

  it('links alerts with an event on both timelines; a repeat is a no-op; unlinking records it on both', async () => {
    const k = await createCase(t, admin, code);
    const [a1, a2] = [await distinctAlert(t, admin, code), await distinctAlert(t, admin, code)];
    const linked = await link(k.id, [a1.id, a2.id]);
    expect(linked.status).toBe(200);
    expect(linked.body.alerts.map((x) => x.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(linked.body).toEqual(expect.objectContaining({ alertCount: 2, version: 2 }));
    expect((await link(k.id, [a1.id])).body.version).toBe(2);
    expect((await t.request('DELETE', `${CASES}/${k.id}/alerts/${a1.id}`, { token: admin })).status).toBe(204);
    expectProblem(await t.request('DELETE', `${CASES}/${k.id}/alerts/${a1.id}`, { token: admin }), 404);
    const d = await caseDetail(t, admin, k.id);
    expect(d.alerts.map((x) => x.id)).toEqual([a2.id]);
    expect(d.timeline.filter((e) => e.kind !== 'CREATED').map((e) => [e.kind, e.refId])).toEqual(
      expect.arrayContaining([['LINKED', a1.id], ['LINKED', a2.id], ['UNLINKED', a1.id]]),
    );
    expect((await alertKinds(a1.id)).slice(-2)).toEqual([['LINKED', null, String(k.id)], ['UNLINKED', String(k.id), null]]);
  });

  it('refuses, all or nothing, a link list with another customer\'s or an unknown alert (400 naming alertIds)', async () => {
    const k = await createCase(t, admin, code);
    const [own, theirs] = [await distinctAlert(t, admin, code), await distinctAlert(t, admin, other)];
    const foreign = expectProblem(await link(k.id, [own.id, theirs.id]), 400, 'alertIds');
    expect(foreign.detail).toContain(String(theirs.id));
    expectProblem(await link(k.id, [own.id, 2_000_000_000]), 400, 'alertIds');
    expectProblem(await link(k.id, [own.id, own.id]), 400, 'alertIds');
    expectProblem(await link(k.id, []), 400, 'alertIds');
    expect(await t.db.getRepository(CaseAlert).countBy({ caseId: k.id })).toBe(0);
    expect((await alertKinds(own.id)).map((e) => e[0])).toEqual(['CREATED']);
  });

  it('lets a customer user link its alerts to its cases, but not another customer\'s, and not unlink', async () => {
    const cu = await t.createUser(admin, unique('lcu'), 'customer_user', [code]);
    const k = await createCase(t, cu.token, code);
    const [own, theirs] = [await distinctAlert(t, admin, code), await distinctAlert(t, admin, other)];
    // Another customer's alert is unknown to a customer user: the answer must not say whose it is.
    expect(expectProblem(await link(k.id, [theirs.id], cu.token), 400, 'alertIds').detail).toBe(`Unknown alert ${theirs.id}`);
    expect((await link(k.id, [own.id], cu.token)).body.alerts.map((x) => x.id)).toEqual([own.id]);
    expectProblem(await t.request('DELETE', `${CASES}/${k.id}/alerts/${own.id}`, { token: cu.token }), 403);
    const theirCase = await createCase(t, admin, other);
    expectProblem(await link(theirCase.id, [own.id], cu.token), 404);
  });

  it('closes exactly the case\'s open alerts with closeLinkedAlerts, each with a STATUS event, in the same change', async () => {
    const k = await createCase(t, admin, code);
    const [open, working, done, outside] = [
      await distinctAlert(t, admin, code), await distinctAlert(t, admin, code), await distinctAlert(t, admin, code), await distinctAlert(t, admin, code),
    ];
    for (const [a, status] of [[working, 'IN_PROGRESS'], [done, 'CLOSED']] as [AlertBody, string][]) {
      expect((await t.request('PATCH', `/api/incidents/alerts/${a.id}`, { token: admin, body: { status } })).status).toBe(200);
    }
    expect((await link(k.id, [open.id, working.id, done.id])).status).toBe(200);
    expectProblem(await t.request('PATCH', `${CASES}/${k.id}`, { token: admin, body: { closeLinkedAlerts: true } }), 400, 'closeLinkedAlerts');
    const cu = await t.createUser(admin, unique('ccu'), 'customer_user', [code]);
    expectProblem(await t.request('PATCH', `${CASES}/${k.id}`, { token: cu.token, body: { status: 'CLOSED', closeLinkedAlerts: true } }), 403, 'closeLinkedAlerts');
    const res = await t.request<CaseDetailBody>('PATCH', `${CASES}/${k.id}`, { token: admin, body: { status: 'CLOSED', closeLinkedAlerts: true } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CLOSED');
    expect(res.body.alerts.map((x) => x.status)).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
    expect(res.body.timeline.slice(-2).map((e) => [e.kind, e.toValue])).toEqual([['STATUS', 'CLOSED'], ['ALERTS_CLOSED', '2']]);
    expect((await alertKinds(open.id)).slice(-1)).toEqual([['STATUS', 'OPEN', 'CLOSED']]);
    expect((await alertKinds(working.id)).slice(-1)).toEqual([['STATUS', 'IN_PROGRESS', 'CLOSED']]);
    expect((await alertDetail(t, admin, open.id)).closedAt).not.toBeNull();
    expect((await alertKinds(done.id)).filter((e) => e[0] === 'STATUS')).toHaveLength(1);
    expect((await alertDetail(t, admin, outside.id)).status).toBe('OPEN');
  });

  it('refuses to delete a linked alert (409 naming the cases) until it is unlinked', async () => {
    const [k1, k2] = [await createCase(t, admin, code), await createCase(t, admin, code)];
    const a = await distinctAlert(t, admin, code);
    for (const k of [k1, k2]) expect((await link(k.id, [a.id])).status).toBe(200);
    const refused = expectProblem(await t.request('DELETE', `/api/incidents/alerts/${a.id}`, { token: admin }), 409);
    expect(refused.detail).toContain(`${k1.id}, ${k2.id}`);
    for (const k of [k1, k2]) expect((await t.request('DELETE', `${CASES}/${k.id}/alerts/${a.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/incidents/alerts/${a.id}`, { token: admin })).status).toBe(204);
  });
});
