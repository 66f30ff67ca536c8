import { CaseTemplate } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { caseDetail, CaseDetailBody, CASES, createCase, createTemplate, distinctAlert } from './case-helpers';
import { expectProblem, PageBody, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

const TEMPLATES = '/api/incidents/case-templates';

describe('case templates (integration)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('picks customer+source, then customer, then source, then the default, and copies its tasks into the case', async () => {
    const [acme, beta] = [(await t.createCustomer(admin, unique('acm'))).customerCode, (await t.createCustomer(admin, unique('bet'))).customerCode];
    const def = await createTemplate(t, admin, { tasks: [{ title: 'Triage' }] });
    const bySource = await createTemplate(t, admin, { source: 'Wazuh', tasks: [{ title: 'Check agent' }] });
    const byCustomer = await createTemplate(t, admin, { customerCode: acme, tasks: [{ title: 'Call Acme', mandatory: true }, { title: 'Write report' }] });
    const both = await createTemplate(t, admin, { customerCode: acme, source: 'wazuh', tasks: [{ title: 'Acme wazuh runbook' }] });
    const applied = async (customerCode: string, source?: string) => {
      const k = await createCase(t, admin, customerCode, source ? { source } : {});
      return [k.template?.id, k.tasks.map((x) => [x.title, x.status, x.mandatory])];
    };
    expect(await applied(acme, 'WAZUH')).toEqual([both.id, [['Acme wazuh runbook', 'TODO', false]]]);
    expect(await applied(acme, 'graylog')).toEqual([byCustomer.id, [['Call Acme', 'TODO', true], ['Write report', 'TODO', false]]]);
    expect(await applied(acme)).toEqual([byCustomer.id, [['Call Acme', 'TODO', true], ['Write report', 'TODO', false]]]);
    expect(await applied(beta, 'wazuh')).toEqual([bySource.id, [['Check agent', 'TODO', false]]]);
    expect(await applied(beta)).toEqual([def.id, [['Triage', 'TODO', false]]]);

    // from-alert uses the alert's customer and source; the timeline names the template.
    const alert = await distinctAlert(t, admin, beta, { source: 'wazuh' });
    const fromAlert = (await t.request<CaseDetailBody>('POST', `${CASES}/from-alert`, { token: admin, body: { alertId: alert.id } })).body;
    expect(fromAlert.template).toEqual({ id: bySource.id, name: bySource.name });
    expect(fromAlert.timeline.map((e) => e.kind)).toEqual(['CREATED', 'TEMPLATE_APPLIED', 'LINKED']);
  });

  it('keeps one template per (customer, source): a duplicate is 409 naming the existing one', async () => {
    const code = (await t.createCustomer(admin, unique('dup'))).customerCode;
    const first = await createTemplate(t, admin, { customerCode: code, source: 'graylog' });
    const dup = expectProblem(await t.request('POST', TEMPLATES, { token: admin, body: { name: 'Again', customerCode: code, source: 'GrayLog' } }), 409);
    expect(dup.detail).toContain(String(first.id));
    const second = await createTemplate(t, admin, { customerCode: code });
    expectProblem(await t.request('PUT', `${TEMPLATES}/${second.id}`, { token: admin, body: { name: 'Move', customerCode: code, source: 'graylog' } }), 409);
    expect(await t.db.getRepository(CaseTemplate).countBy({ customerCode: code })).toBe(2);
  });

  it('replaces a template with its tasks under If-Match; a deleted template leaves the cases\' copied tasks', async () => {
    const code = (await t.createCustomer(admin, unique('rep'))).customerCode;
    const tpl = await createTemplate(t, admin, { customerCode: code, tasks: [{ title: 'Old' }] });
    const put = (body: unknown, version: string) => t.request<{ version: number; tasks: { title: string; mandatory: boolean }[] }>('PUT', `${TEMPLATES}/${tpl.id}`, { token: admin, body, headers: { 'if-match': version } });
    const replaced = await put({ name: 'New', customerCode: code, tasks: [{ title: 'A', mandatory: true }, { title: 'B' }] }, '1');
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual(expect.objectContaining({ version: 2, tasks: [{ title: 'A', description: null, mandatory: true }, { title: 'B', description: null, mandatory: false }] }));
    expectProblem(await put({ name: 'Stale', customerCode: code }, '1'), 412);
    const k = await createCase(t, admin, code);
    expect(k.tasks.map((x) => x.title)).toEqual(['A', 'B']);
    expect((await t.request('DELETE', `${TEMPLATES}/${tpl.id}`, { token: admin })).status).toBe(204);
    expectProblem(await t.request('GET', `${TEMPLATES}/${tpl.id}`, { token: admin }), 404);
    const after = await caseDetail(t, admin, k.id);
    expect([after.templateId, after.template, after.tasks.map((x) => x.title)]).toEqual([null, null, ['A', 'B']]);
  });

  it('validates input: unknown customer 400, bad source 400, tasks with unknown fields 400', async () => {
    expectProblem(await t.request('POST', TEMPLATES, { token: admin, body: { name: 'x', customerCode: 'no-such-customer' } }), 400, 'customerCode');
    expectProblem(await t.request('POST', TEMPLATES, { token: admin, body: { name: 'x', source: 'bad source!' } }), 400, 'source');
    expectProblem(await t.request('POST', TEMPLATES, { token: admin, body: { name: 'x', source: 'ok', tasks: [{ title: 't', status: 'DONE' }] } }), 400, 'status');
    expect(await t.db.getRepository(CaseTemplate).countBy({ name: 'x' })).toBe(0);
  });

  it('scopes templates: a limited analyst sees global and own ones, manages only its customers\'; customer users get 403', async () => {
    const [mine, theirs] = [(await t.createCustomer(admin, unique('mne'))).customerCode, (await t.createCustomer(admin, unique('thr'))).customerCode];
    const theirTpl = await createTemplate(t, admin, { customerCode: theirs });
    const globalTpl = await createTemplate(t, admin, { source: 'scope-global' });
    const limited = await t.createUser(admin, unique('lta'), 'analyst', [mine]);
    const own = await createTemplate(t, limited.token, { customerCode: mine, tasks: [{ title: 'x' }] });
    expectProblem(await t.request('POST', TEMPLATES, { token: limited.token, body: { name: 'Global', source: 'limited-global' } }), 403, 'customerCode');
    expectProblem(await t.request('POST', TEMPLATES, { token: limited.token, body: { name: 'Theirs', customerCode: theirs, source: 'z' } }), 400, 'customerCode');
    expectProblem(await t.request('GET', `${TEMPLATES}/${theirTpl.id}`, { token: limited.token }), 404);
    expectProblem(await t.request('DELETE', `${TEMPLATES}/${theirTpl.id}`, { token: limited.token }), 404);
    const listed = (await t.request<PageBody<{ id: number; customerCode: string | null }>>('GET', `${TEMPLATES}?limit=200`, { token: limited.token })).body.items;
    expect(listed.map((x) => x.customerCode).filter((c) => c !== null)).toEqual([mine]);
    expect(listed.map((x) => x.id)).toContain(own.id);
    expect(listed.map((x) => x.id)).toContain(globalTpl.id);
    expect((await t.request('GET', `${TEMPLATES}/${globalTpl.id}`, { token: limited.token })).status).toBe(200);
    expectProblem(await t.request('DELETE', `${TEMPLATES}/${globalTpl.id}`, { token: limited.token }), 403);
    const cu = await t.createUser(admin, unique('tcu'), 'customer_user', [mine]);
    expectProblem(await t.request('GET', TEMPLATES, { token: cu.token }), 403);
    expectProblem(await t.request('POST', TEMPLATES, { token: cu.token, body: { name: 'n', customerCode: mine } }), 403);
  });
});
