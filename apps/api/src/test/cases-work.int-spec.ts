import { CaseTask } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { CASES, caseDetail, CaseTaskBody, createCase } from './case-helpers';
import { expectProblem, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('cases: comments and tasks (integration)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    code = (await t.createCustomer(admin, unique('wrk'))).customerCode;
  });
  afterAll(() => t.close());

  const tasks = (caseId: number) => `${CASES}/${caseId}/tasks`;
  const addTask = (caseId: number, body: unknown, token = admin) => t.request<CaseTaskBody>('POST', tasks(caseId), { token, body });
  const patchTask = (caseId: number, taskId: number, body: unknown, token = admin) => t.request<CaseTaskBody>('PATCH', `${tasks(caseId)}/${taskId}`, { token, body });

  it('takes a comment\'s author and time from the token and the clock, refusing an author in the body', async () => {
    const k = await createCase(t, admin, code);
    const cu = await t.createUser(admin, unique('com'), 'customer_user', [code]);
    const url = `${CASES}/${k.id}/comments`;
    expectProblem(await t.request('POST', url, { token: cu.token, body: { body: 'Forged', author: 'admin' } }), 400, 'author');
    expectProblem(await t.request('POST', url, { token: cu.token, body: { body: '  ' } }), 400, 'body');
    const res = await t.request<{ id: number; authorId: number; authorUsername: string; body: string; createdAt: string }>('POST', url, { token: cu.token, body: { body: 'Confirmed on our side' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ authorId: cu.id, authorUsername: expect.stringMatching(/^com/), body: 'Confirmed on our side' }));
    expect(Math.abs(Date.parse(res.body.createdAt) - Date.now())).toBeLessThan(60_000);
    const d = await caseDetail(t, admin, k.id);
    expect(d.comments.map((c) => c.body)).toEqual(['Confirmed on our side']);
    expect(d.timeline.slice(-1)).toEqual([expect.objectContaining({ kind: 'COMMENT', refId: res.body.id, actorId: cu.id })]);
  });

  it('adds tasks and moves them through their statuses, each on the timeline', async () => {
    const k = await createCase(t, admin, code);
    const added = await addTask(k.id, { title: ' Isolate host ', description: 'Pull the cable', mandatory: true });
    expect(added.status).toBe(201);
    expect(added.body).toEqual(expect.objectContaining({ title: 'Isolate host', description: 'Pull the cable', status: 'TODO', mandatory: true }));
    const optional = (await addTask(k.id, { title: 'Notify HR', status: 'NOT_NECESSARY' })).body;
    expect((await patchTask(k.id, added.body.id, { status: 'DONE' })).body.status).toBe('DONE');
    expect((await patchTask(k.id, optional.id, { title: 'Notify legal', status: 'TODO' })).body).toEqual(expect.objectContaining({ title: 'Notify legal', status: 'TODO' }));
    const d = await caseDetail(t, admin, k.id);
    expect(d.tasks.map((x) => [x.title, x.status])).toEqual([['Isolate host', 'DONE'], ['Notify legal', 'TODO']]);
    expect(d.timeline.slice(1).map((e) => [e.kind, e.refId, e.fromValue, e.toValue])).toEqual([
      ['TASK_ADDED', added.body.id, null, 'Isolate host'],
      ['TASK_ADDED', optional.id, null, 'Notify HR'],
      ['TASK_STATUS', added.body.id, 'TODO', 'DONE'],
      ['TASK_UPDATED', optional.id, null, 'title'],
      ['TASK_STATUS', optional.id, 'NOT_NECESSARY', 'TODO'],
    ]);
  });

  it('never lets a mandatory task be NOT_NECESSARY (400) or removed (409); an optional one may go', async () => {
    const k = await createCase(t, admin, code);
    expectProblem(await addTask(k.id, { title: 'Must', mandatory: true, status: 'NOT_NECESSARY' }), 400, 'status');
    expect(await t.db.getRepository(CaseTask).countBy({ caseId: k.id })).toBe(0);
    const must = (await addTask(k.id, { title: 'Must', mandatory: true })).body;
    const may = (await addTask(k.id, { title: 'May', status: 'NOT_NECESSARY' })).body;
    expectProblem(await patchTask(k.id, must.id, { status: 'NOT_NECESSARY' }), 400, 'status');
    expectProblem(await patchTask(k.id, may.id, { mandatory: true }), 400, 'mandatory');
    expectProblem(await patchTask(k.id, must.id, { status: 'SKIPPED' }), 400, 'status');
    expectProblem(await t.request('DELETE', `${tasks(k.id)}/${must.id}`, { token: admin }), 409);
    expect((await t.request('DELETE', `${tasks(k.id)}/${may.id}`, { token: admin })).status).toBe(204);
    const d = await caseDetail(t, admin, k.id);
    expect(d.tasks.map((x) => [x.title, x.status, x.mandatory])).toEqual([['Must', 'TODO', true]]);
    expect(d.timeline.slice(-1)).toEqual([expect.objectContaining({ kind: 'TASK_REMOVED', refId: may.id, fromValue: 'May' })]);
  });

  it('answers 404 for a task of another case, and 403 to customer users on every task route', async () => {
    const [k1, k2] = [await createCase(t, admin, code), await createCase(t, admin, code)];
    const task = (await addTask(k1.id, { title: 'Mine' })).body;
    expectProblem(await patchTask(k2.id, task.id, { status: 'DONE' }), 404);
    expectProblem(await t.request('DELETE', `${tasks(k2.id)}/${task.id}`, { token: admin }), 404);
    const cu = await t.createUser(admin, unique('tcu'), 'customer_user', [code]);
    expectProblem(await addTask(k1.id, { title: 'x' }, cu.token), 403);
    expectProblem(await patchTask(k1.id, task.id, { status: 'DONE' }, cu.token), 403);
    expectProblem(await t.request('DELETE', `${tasks(k1.id)}/${task.id}`, { token: cu.token }), 403);
    expect((await caseDetail(t, admin, k1.id)).tasks).toEqual([expect.objectContaining({ id: task.id, status: 'TODO' })]);
  });
});
