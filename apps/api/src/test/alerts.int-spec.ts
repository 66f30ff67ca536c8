import { Alert } from '@copilot/api-incidents';
import { TestApp } from '../testing/harness';
import { AlertBody, AlertDetailBody, createAlert } from './alert-helpers';
import { expectProblem, PageBody, unique } from './helpers';

// Booting and migrating a fresh database can outlast Jest's 5 s default on a busy machine.
jest.setTimeout(120_000);

describe('alerts: create, list, counts, detail (integration)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const list = (query: string, token = admin) => t.request<PageBody<AlertBody>>('GET', `/api/incidents/alerts?${query}`, { token });
  const countRows = (where: { customerCode: string }) => t.db.getRepository(Alert).countBy(where);

  describe('create', () => {
    it('creates an OPEN alert with a CREATED timeline event by the caller', async () => {
      const c = await t.createCustomer(admin, unique('cr'));
      const res = await t.request<AlertBody>('POST', '/api/incidents/alerts', {
        token: admin,
        body: { title: '  Brute force  ', description: 'Many failures', severity: 'High', source: 'wazuh', customerCode: c.customerCode, tags: ['SSH', 'ssh', 'auth'], firstEventAt: '2024-05-01T10:00:00.123Z' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(expect.objectContaining({
        title: 'Brute force', status: 'OPEN', severity: 'High', customerCode: c.customerCode, assigneeId: null, verdict: null, occurrences: 1,
        closedAt: null, externalId: null, tags: ['auth', 'ssh'], firstEventAt: '2024-05-01T10:00:00.123Z', lastEventAt: '2024-05-01T10:00:00.123Z', version: 1,
      }));
      const detail = await t.request<AlertDetailBody>('GET', `/api/incidents/alerts/${res.body.id}`, { token: admin });
      expect(detail.body.timeline).toEqual([expect.objectContaining({ kind: 'CREATED', actorUsername: 'admin', toValue: 'OPEN' })]);
    });

    it('makes a retry with the same externalId idempotent per (source, customer): 200 with the existing alert', async () => {
      const c = await t.createCustomer(admin, unique('idem'));
      const body = { title: 'Pushed', severity: 'Low', source: 'shuffle', customerCode: c.customerCode, externalId: 'ext-1' };
      const first = await t.request<AlertBody>('POST', '/api/incidents/alerts', { token: admin, body });
      expect(first.status).toBe(201);
      const again = await t.request<AlertBody>('POST', '/api/incidents/alerts', { token: admin, body: { ...body, title: 'Pushed again' } });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(expect.objectContaining({ id: first.body.id, title: 'Pushed' }));
      expect(await countRows({ customerCode: c.customerCode })).toBe(1);
      const otherSource = await t.request<AlertBody>('POST', '/api/incidents/alerts', { token: admin, body: { ...body, source: 'graylog' } });
      expect(otherSource.status).toBe(201);
      expect(otherSource.body.id).not.toBe(first.body.id);
      for (let i = 0; i < 2; i++) await createAlert(t, admin, c.customerCode, { source: 'shuffle' });
      expect(await countRows({ customerCode: c.customerCode })).toBe(4);
    });

    it('answers the unknown-customer 400 for a missing or out-of-scope customer, and 403 to customer users', async () => {
      const [mine, theirs] = [await t.createCustomer(admin, unique('mine')), await t.createCustomer(admin, unique('theirs'))];
      const limited = await t.createUser(admin, unique('lim'), 'analyst', [mine.customerCode]);
      const cu = await t.createUser(admin, unique('cu'), 'customer_user', [mine.customerCode]);
      const body = (customerCode: string) => ({ title: 'X', severity: 'Low', source: 'wazuh', customerCode });
      const unknown = expectProblem(await t.request('POST', '/api/incidents/alerts', { token: admin, body: body('no-such-customer') }), 400, 'customerCode');
      const outside = expectProblem(await t.request('POST', '/api/incidents/alerts', { token: limited.token, body: body(theirs.customerCode) }), 400, 'customerCode');
      expect(outside.title).toBe(unknown.title);
      expectProblem(await t.request('POST', '/api/incidents/alerts', { token: cu.token, body: body(mine.customerCode) }), 403);
      expectProblem(await t.request('POST', '/api/incidents/alerts', { token: admin, body: { ...body(mine.customerCode), severity: 'Severe', status: 'CLOSED' } }), 400, 'severity', 'status');
      expect(await countRows({ customerCode: theirs.customerCode }) + (await countRows({ customerCode: mine.customerCode }))).toBe(0);
      expect((await t.request('POST', '/api/incidents/alerts', { token: limited.token, body: body(mine.customerCode) })).status).toBe(201);
    });
  });

  describe('list and counts', () => {
    let code: string;
    let a: AlertBody[];
    let analystId: number;

    beforeAll(async () => {
      code = (await t.createCustomer(admin, unique('flt'))).customerCode;
      analystId = (await t.createUser(admin, unique('asg'), 'analyst')).id;
      a = [
        await createAlert(t, admin, code, { title: 'Brute force on ssh', severity: 'High', tags: ['ssh'], lastEventAt: '2024-01-01T00:00:00.000Z', firstEventAt: '2024-01-01T00:00:00.000Z' }),
        await createAlert(t, admin, code, { title: 'Malware detected', severity: 'Low', source: 'graylog', firstEventAt: '2024-02-01T00:00:00.000Z' }),
        await createAlert(t, admin, code, { title: 'Port scan', severity: 'Critical', firstEventAt: '2024-03-01T00:00:00.000Z' }),
        await createAlert(t, admin, code, { title: 'Rule 100%_match', severity: 'Medium', firstEventAt: '2024-04-01T00:00:00.000Z' }),
      ];
      const patch = async (id: number, body: unknown) => expect((await t.request('PATCH', `/api/incidents/alerts/${id}`, { token: admin, body })).status).toBe(200);
      await patch(a[2].id, { status: 'IN_PROGRESS', assigneeId: analystId, verdict: 'TRUE_POSITIVE' });
      await patch(a[3].id, { status: 'CLOSED', verdict: 'FALSE_POSITIVE', verdictReason: 'RULE_TOO_SENSITIVE' });
    });

    const ids = async (query: string) => {
      const res = await list(`customerCode=${code}&${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((x) => x.id);
    };
    const ix = (...n: number[]) => n.map((i) => a[i].id);

    it('filters by each criterion, newest event first', async () => {
      expect(await ids('')).toEqual(ix(3, 2, 1, 0));
      expect(await ids('status=OPEN')).toEqual(ix(1, 0));
      expect(await ids('status=OPEN,CLOSED')).toEqual(ix(3, 1, 0));
      expect(await ids('status=OPEN&status=IN_PROGRESS')).toEqual(ix(2, 1, 0));
      expect(await ids('severity=High&severity=Critical')).toEqual(ix(2, 0));
      expect(await ids(`assigneeId=${analystId}`)).toEqual(ix(2));
      expect(await ids('assigneeId=unassigned')).toEqual(ix(3, 1, 0));
      expect(await ids('tag=ssh')).toEqual(ix(0));
      expect(await ids('tag=SSH')).toEqual(ix(0));
      expect(await ids('tag=nope')).toEqual([]);
      expect(await ids('source=graylog')).toEqual(ix(1));
      expect(await ids('verdict=UNTRIAGED')).toEqual(ix(1, 0));
      expect(await ids('verdict=TRUE_POSITIVE')).toEqual(ix(2));
      expect(await ids('verdict=FALSE_POSITIVE')).toEqual(ix(3));
      expect(await ids('title=BRUTE')).toEqual(ix(0));
      expect(await ids(`title=${encodeURIComponent('%_')}`)).toEqual(ix(3));
      expect(await ids(`title=${encodeURIComponent('%')}`)).toEqual(ix(3));
      expect(await ids('from=2024-02-01T00:00:00.000Z&to=2024-03-01T00:00:00.000Z')).toEqual(ix(2, 1));
      expect(await ids('from=2024-03-15T00:00:00Z')).toEqual(ix(3));
      expect(await ids('severity=Critical&status=OPEN')).toEqual([]);
      const all = (await list('limit=200')).body.items.map((x) => x.id);
      expect(all).toEqual(expect.arrayContaining(ix(0, 1, 2, 3)));
    });

    it('refuses bad filters with 400 naming them', async () => {
      expectProblem(await list('status=BOGUS'), 400, 'status');
      expectProblem(await list('severity=Severe'), 400, 'severity');
      expectProblem(await list('assigneeId=someone'), 400, 'assigneeId');
      expectProblem(await list('verdict=MAYBE'), 400, 'verdict');
      expectProblem(await list('from=yesterday'), 400, 'from');
      expectProblem(await list('limit=201'), 400, 'limit');
      expectProblem(await list('cursor=garbage'), 400, 'cursor');
      expectProblem(await list('customerCode=no-such-customer'), 400, 'customerCode');
      expectProblem(await list('colour=red'), 400, 'colour');
    });

    it('counts per status under the same filters in one call', async () => {
      const counts = (query: string, token = admin) => t.request<Record<string, number>>('GET', `/api/incidents/alerts/counts?customerCode=${code}&${query}`, { token });
      expect((await counts('')).body).toEqual({ OPEN: 2, IN_PROGRESS: 1, CLOSED: 1, total: 4 });
      expect((await counts('source=wazuh')).body).toEqual({ OPEN: 1, IN_PROGRESS: 1, CLOSED: 1, total: 3 });
      expect((await counts('verdict=UNTRIAGED&severity=Low')).body).toEqual({ OPEN: 1, IN_PROGRESS: 0, CLOSED: 0, total: 1 });
      expectProblem(await counts('status=OPEN'), 400, 'status');
      const cu = await t.createUser(admin, unique('cnt'), 'customer_user', [code]);
      expect((await counts('', cu.token)).body.total).toBe(4);
      const other = await t.createCustomer(admin, unique('oth'));
      expectProblem(await t.request('GET', `/api/incidents/alerts/counts?customerCode=${other.customerCode}`, { token: cu.token }), 400, 'customerCode');
      const everything = (await t.request<Record<string, number>>('GET', '/api/incidents/alerts/counts', { token: cu.token })).body;
      expect(everything).toEqual({ OPEN: 2, IN_PROGRESS: 1, CLOSED: 1, total: 4 });
    });
  });

  describe('keyset paging', () => {
    it('pages 30 alerts (15 sharing one lastEventAt) without duplicates or gaps, with total only when asked', async () => {
      const code = (await t.createCustomer(admin, unique('page'))).customerCode;
      const created: AlertBody[] = [];
      for (let i = 0; i < 30; i++) {
        const at = i < 15 ? new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString() : '2024-06-01T12:00:00.500Z';
        created.push(await createAlert(t, admin, code, { title: `Paged ${i}`, firstEventAt: at }));
      }
      const seen: AlertBody[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Awaited<ReturnType<typeof list>> = await list(`customerCode=${code}&limit=7&withTotal=true${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(30);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(pages).toBe(5);
      const expected = [...created].sort((x, y) => y.lastEventAt.localeCompare(x.lastEventAt) || y.id - x.id).map((x) => x.id);
      expect(seen.map((x) => x.id)).toEqual(expected);
      expect(new Set(seen.map((x) => x.id)).size).toBe(30);
      const plain = await list(`customerCode=${code}&limit=5`);
      expect(plain.body).not.toHaveProperty('total');
      expect(plain.body.items.map((x) => x.id)).toEqual(expected.slice(0, 5));
      const filtered = await list(`customerCode=${code}&limit=4&title=${encodeURIComponent('Paged 1')}&withTotal=true`);
      expect(filtered.body.total).toBe(11);
    });
  });

  describe('detail', () => {
    it('returns tags, comments oldest first and the timeline; 404 for a missing id, 400 for a bad one', async () => {
      const code = (await t.createCustomer(admin, unique('det'))).customerCode;
      const alert = await createAlert(t, admin, code, { tags: ['x'] });
      for (const body of ['first', 'second']) expect((await t.request('POST', `/api/incidents/alerts/${alert.id}/comments`, { token: admin, body: { body } })).status).toBe(201);
      const res = await t.request<AlertDetailBody>('GET', `/api/incidents/alerts/${alert.id}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.tags).toEqual(['x']);
      expect(res.body.comments.map((c) => c.body)).toEqual(['first', 'second']);
      expect(res.body.timeline.map((e) => e.kind)).toEqual(['CREATED', 'COMMENT', 'COMMENT']);
      expectProblem(await t.request('GET', '/api/incidents/alerts/2147483647', { token: admin }), 404);
      expectProblem(await t.request('GET', '/api/incidents/alerts/abc', { token: admin }), 400);
    });
  });
});
