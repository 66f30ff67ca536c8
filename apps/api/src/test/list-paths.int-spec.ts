import { TestApp } from '../testing/harness';
import { AlertBody, createAlert } from './alert-helpers';
import { PageBody, unique } from './helpers';

jest.setTimeout(120_000);

/**
 * The alert and case lists answer their most common shape (scope, customer, status, page) with hand-written
 * SQL and every other filter through the query builder. Both must give the same rows, order and cursors:
 * walk every page both ways (a filter that matches everything forces the builder) and compare.
 */
describe('list fast path and query-builder path agree', () => {
  let t: TestApp;
  let admin: string;
  let limited: string;
  let codes: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    codes = [unique('lpa'), unique('lpb')];
    for (const c of codes) await t.createCustomer(admin, c);
    limited = (await t.createUser(admin, unique('lp-analyst'), 'analyst', [codes[0]])).token;
    // Same event time for several alerts, so the id tiebreak of the keyset is exercised.
    for (let i = 0; i < 23; i++) {
      const a = await createAlert(t, admin, codes[i % 2], { firstEventAt: new Date(Date.UTC(2024, 0, 1, 0, Math.floor(i / 3))).toISOString() });
      if (i % 4 === 0) await t.request('PATCH', `/api/incidents/alerts/${a.id}`, { token: admin, body: { status: 'CLOSED', tags: ['x'] } });
    }
    for (let i = 0; i < 9; i++) {
      const c = await t.request<{ id: number }>('POST', '/api/incidents/cases', { token: admin, body: { name: `case ${i}`, customerCode: codes[i % 2] } });
      if (i % 3 > 0) await t.request('PATCH', `/api/incidents/cases/${c.body.id}`, { token: admin, body: { status: i % 3 === 1 ? 'IN_PROGRESS' : 'CLOSED' } });
    }
  });
  afterAll(() => t.close());

  async function walk<T>(path: string, query: string, token: string): Promise<{ pages: T[][]; cursors: (string | null)[] }> {
    const pages: T[][] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: PageBody<T> } = await t.request<PageBody<T>>('GET', `${path}?limit=4&${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      pages.push(res.body.items);
      cursors.push(res.body.nextCursor);
      cursor = res.body.nextCursor;
    } while (cursor);
    return { pages, cursors };
  }

  it.each([
    ['admin, no filter', '', 'admin'],
    ['admin, one customer, open only', 'customerCode=A&status=OPEN', 'admin'],
    ['limited analyst, two statuses', 'status=OPEN,CLOSED', 'limited'],
  ])('alerts: %s', async (_name, query, who) => {
    const q = query.replace('A', codes[0]);
    const token = who === 'admin' ? admin : limited;
    const fast = await walk<AlertBody>('/api/incidents/alerts', q, token);
    const builder = await walk<AlertBody>('/api/incidents/alerts', `${q}&from=2000-01-01T00:00:00.000Z`, token);
    expect(fast.pages.flat().length).toBeGreaterThan(4);
    expect(fast).toEqual(builder);
    if (who === 'limited') expect(fast.pages.flat().every((a) => a.customerCode === codes[0])).toBe(true);
  });

  it('cases: same pages and cursors both ways', async () => {
    const fast = await walk<{ id: number }>('/api/incidents/cases', `customerCode=${codes[1]}`, admin);
    const builder = await walk<{ id: number }>('/api/incidents/cases', `customerCode=${codes[1]}&from=2000-01-01T00:00:00.000Z`, admin);
    expect(fast.pages.flat().length).toBeGreaterThan(3);
    expect(fast).toEqual(builder);
  });

  it('case counts per status match the list, and keep to the caller\'s customers', async () => {
    const all = (await walk<{ status: string }>('/api/incidents/cases', `customerCode=${codes[1]}`, admin)).pages.flat();
    const counts = await t.request<Record<string, number>>('GET', `/api/incidents/cases/counts?customerCode=${codes[1]}`, { token: admin });
    const tally = (s: string) => all.filter((c) => c.status === s).length;
    expect(counts.body).toEqual({ OPEN: tally('OPEN'), IN_PROGRESS: tally('IN_PROGRESS'), CLOSED: tally('CLOSED'), total: all.length });
    expect(counts.body['IN_PROGRESS']).toBeGreaterThan(0);
    const limitedCounts = await t.request<Record<string, number>>('GET', '/api/incidents/cases/counts', { token: limited });
    expect(limitedCounts.body['total']).toBe(5); // customer A's cases only
    expect((await t.request('GET', `/api/incidents/cases/counts?customerCode=${codes[1]}`, { token: limited })).status).toBe(400);
  });
});
