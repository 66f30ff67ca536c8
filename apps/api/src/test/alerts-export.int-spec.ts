import { ExportLimits } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { createAlert } from './alert-helpers';
import { expectProblem, PageBody, unique } from './helpers';
import { parseCsv } from './report-helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('alerts: CSV export (integration)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;
  const defaults = new ExportLimits();

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    code = (await t.createCustomer(admin, unique('exp'))).customerCode;
    const at = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
    await createAlert(t, admin, code, { title: '=cmd|\' /C calc\'!A0', severity: 'High', firstEventAt: at(1), tags: ['B', 'a'] });
    await createAlert(t, admin, code, { title: 'Login, "admin" failed', severity: 'Low', firstEventAt: at(2) });
    await createAlert(t, admin, code, { title: '@SUM(1+1)', severity: 'Low', firstEventAt: at(3) });
    await createAlert(t, admin, code, { title: '-2+3', severity: 'Critical', firstEventAt: at(4) });
    await createAlert(t, admin, code, { title: 'Plain title', severity: 'Medium', firstEventAt: at(5) });
  });
  afterAll(() => t.close());
  afterEach(() => Object.assign(t.get(ExportLimits), defaults));

  const exportCsv = (query: string, token = admin) => t.request<string>('GET', `/api/incidents/alerts/export?${query}`, { token });

  it('sends the list\'s alerts as an RFC 4180 attachment, newest event first, with formula cells neutralised', async () => {
    const res = await exportCsv(`customerCode=${code}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="alerts-.*\.csv"$/);
    expect(res.headers['x-export-row-limit']).toBe('100000');
    expect(res.headers['x-export-truncated']).toBeUndefined();
    expect(res.text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(res.text);
    expect(header.slice(0, 4)).toEqual(['id', 'title', 'status', 'severity']);
    const col = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    expect(col('title')).toEqual(['Plain title', '\'-2+3', '\'@SUM(1+1)', 'Login, "admin" failed', '\'=cmd|\' /C calc\'!A0']);
    expect(res.text).toContain('"Login, ""admin"" failed"');
    expect(col('tags')[4]).toBe('a; b');
    const listed = await t.request<PageBody<{ id: number }>>('GET', `/api/incidents/alerts?customerCode=${code}`, { token: admin });
    expect(col('id')).toEqual(listed.body.items.map((a) => String(a.id)));
  });

  it('applies the list filters, and answers bad filters with a problem+json 400 before any CSV', async () => {
    const titles = async (query: string) => {
      const [header, ...rows] = parseCsv((await exportCsv(`customerCode=${code}&${query}`)).text);
      return rows.map((r) => r[header.indexOf('title')]);
    };
    expect(await titles('severity=Low')).toEqual(['\'@SUM(1+1)', 'Login, "admin" failed']);
    expect(await titles('title=plain')).toEqual(['Plain title']);
    expect(await titles('status=CLOSED')).toEqual([]);
    expectProblem(await exportCsv('severity=Severe'), 400, 'severity');
    expectProblem(await exportCsv('limit=5'), 400, 'limit');
    expectProblem(await exportCsv('customerCode=no-such-customer'), 400, 'customerCode');
  });

  it('exports a customer user\'s own alerts only', async () => {
    const other = (await t.createCustomer(admin, unique('oth'))).customerCode;
    await createAlert(t, admin, other, { title: 'Someone else\'s' });
    const cu = await t.createUser(admin, unique('ecu'), 'customer_user', [code]);
    const [header, ...rows] = parseCsv((await exportCsv('', cu.token)).text);
    expect(rows.map((r) => r[header.indexOf('customerCode')])).toEqual(Array(5).fill(code));
    expectProblem(await exportCsv(`customerCode=${other}`, cu.token), 400, 'customerCode');
    const scheduler = await t.tokenFor(await t.schedulerUserId(), 'scheduler', 'scheduler');
    expectProblem(await exportCsv('', scheduler), 403);
  });

  it('reads in keyset pages and stops at the row cap, saying so in a header', async () => {
    Object.assign(t.get(ExportLimits), { pageSize: 2, maxRows: 3 });
    const capped = await exportCsv(`customerCode=${code}`);
    expect(capped.headers['x-export-row-limit']).toBe('3');
    expect(capped.headers['x-export-truncated']).toBe('true');
    const [, ...rows] = parseCsv(capped.text);
    expect(rows.map((r) => r[1])).toEqual(['Plain title', '\'-2+3', '\'@SUM(1+1)']);

    Object.assign(t.get(ExportLimits), { pageSize: 2, maxRows: 5 });
    const exact = await exportCsv(`customerCode=${code}`);
    expect(exact.headers['x-export-truncated']).toBeUndefined();
    const ids = parseCsv(exact.text).slice(1).map((r) => r[0]);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });
});
