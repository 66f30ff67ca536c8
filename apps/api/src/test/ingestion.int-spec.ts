import type { FakeOpenSearch } from '@copilot/testing-fakes';
import { Alert, AlertOrigin, AlertSource, IngestionFaults, SourcePassService, StaleHeadError, type TransactionLimits } from '@copilot/api-incidents';
import { LeaseService } from '@copilot/api-core';
import { TestApp } from '../testing/harness';
import { createSource, runPass, seed, snapshot, startIndexer } from './ingestion-helpers';

const H = 3600_000;

describe('alert ingestion pass', () => {
  let t: TestApp;
  let fake: FakeOpenSearch;
  let admin: string;
  const start = new Date('2024-05-01T00:00:00Z');

  beforeAll(async () => {
    const indexer = await startIndexer();
    fake = indexer.fake;
    t = await TestApp.start(indexer.env);
    admin = await t.adminToken();
    await t.createCustomer(admin, 'acme');
    await t.createCustomer(admin, 'globex');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => {
    t.get(IngestionFaults).disarm();
    t.get(SourcePassService).transactionLimits = defaultLimits;
  });
  let defaultLimits: TransactionLimits;
  beforeAll(() => {
    defaultLimits = t.get(SourcePassService).transactionLimits;
  });
  /** One transaction per batch: so a test can stop a pass between two batches. */
  const perBatch = () => (t.get(SourcePassService).transactionLimits = { docs: 1, ms: 60_000 });

  it('turns every attributable document into exactly one occurrence, counts and samples the rest, and changes nothing when rerun', async () => {
    const docs = seed(fake, 120, ['acme', 'GLOBEX', 'initech'], start, 1);
    const src = await createSource(t, admin, { name: 'main', indexPattern: 'wazuh-alerts-4.x-2024.05.*', startAt: new Date(start.getTime() - H).toISOString(), batchSize: 25 });
    const first = await runPass(t, src.id);
    const attributable = docs.filter((d) => (d.source['agent'] as { labels: { customer: string } }).labels.customer !== 'initech').length;
    expect(first).toMatchObject({ read: 120, unattributed: 40 });
    const snap = await snapshot(t, 'main');
    expect(snap.origins).toBe(attributable);
    expect(snap.occurrences).toBe(attributable);
    // Repeats of one rule on one host within 24 h fold into one alert.
    expect(snap.alerts.length).toBeLessThan(attributable);
    expect(snap.alerts.every((a) => /\|(acme|globex)\|/.test(a))).toBe(true);

    const status = (await t.request<{ status: { docsRead: number; alertsCreated: number; unattributed: number; unattributedSamples: { reason: string }[]; cursorTime: string; lastPassStatus: string } }>('GET', `/api/incidents/sources/${src.id}`, { token: admin })).body.status;
    expect(status).toMatchObject({ docsRead: 120, alertsCreated: snap.alerts.length, unattributed: 40, lastPassStatus: 'succeeded' });
    expect(status.unattributedSamples[0].reason).toBe('agent.labels.customer is "initech", which matches no customer');
    expect(new Date(status.cursorTime).getTime()).toBe(start.getTime() + 59 * 60_000);

    const again = await runPass(t, src.id);
    expect(again).toMatchObject({ created: 0, bumped: 0 });
    expect(again?.known).toBeGreaterThan(0); // the 5-minute overlap was re-read and recognised
    expect(await snapshot(t, 'main')).toEqual(snap);
  });

  it('writes the same alerts statement by statement as in one script per batch (the path for servers without consecutive ids)', async () => {
    const base = new Date('2025-01-01T00:00:00Z');
    const docs = seed(fake, 150, ['acme', 'GLOBEX'], base, 31);
    const passes = t.get(SourcePassService);
    const run = async (name: string, script: boolean) => {
      const src = await createSource(t, admin, { name, indexPattern: docs[0].index, startAt: new Date(base.getTime() - H).toISOString(), batchSize: 40 });
      passes.scriptWrites = script;
      try {
        return { pass: await runPass(t, src.id), snap: await snapshot(t, name) };
      } finally {
        passes.scriptWrites = true;
      }
    };
    const scripted = await run('scripted', true);
    const sequential = await run('sequential', false);
    // Repeats are counted once per alert and transaction: a script gathers several batches into one.
    expect({ ...sequential.pass, bumped: 0 }).toEqual({ ...scripted.pass, source: 'sequential', bumped: 0 });
    expect(sequential.snap).toEqual(scripted.snap);
    expect(scripted.snap.occurrences).toBe(scripted.pass?.read);
  });

  it('catches late-arriving documents inside the overlap and bumps open alerts with new occurrences', async () => {
    const base = new Date('2024-06-01T00:00:00Z');
    seed(fake, 20, ['ACME'], base, 2);
    const src = await createSource(t, admin, { name: 'late', indexPattern: 'wazuh-alerts-4.x-2024.06.*', startAt: new Date(base.getTime() - H).toISOString() });
    await runPass(t, src.id);
    const before = await snapshot(t, 'late');
    // Indexed after the pass, but timed 3 minutes before its cursor: the overlap must still see it.
    const cursor = base.getTime() + 9 * 60_000;
    const [late] = seed(fake, 1, ['ACME'], new Date(cursor - 3 * 60_000), 3);
    const pass = await runPass(t, src.id);
    expect(pass?.known).toBeGreaterThan(0);
    expect((pass?.created ?? 0) + (pass?.bumped ?? 0)).toBe(1);
    const after = await snapshot(t, 'late');
    expect(after.origins).toBe(before.origins + 1);
    expect(await t.db.getRepository(AlertOrigin).countBy({ docId: late.id })).toBe(1);
  });

  it('counts a repeat on a closed alert within the window after closing, and starts a new alert after the window', async () => {
    const src = await createSource(t, admin, { name: 'closing', indexPattern: 'closing-*', startAt: '2024-07-01T00:00:00.000Z', dedupWindowMinutes: 60 });
    const doc = (at: string, id: string) => fake.seed('closing-alerts', [{ id, source: {
      timestamp: at, rule: { id: '5712', level: 10, description: 'sshd: brute force' }, agent: { id: '001', name: 'acme-web-01', labels: { customer: 'ACME' } },
    } }]);
    doc('2024-07-01T10:00:00.000+0000', 'c1');
    await runPass(t, src.id);
    const alert = await t.db.getRepository(Alert).findOneByOrFail({ source: 'closing' });
    const closed = await t.request('PATCH', `/api/incidents/alerts/${alert.id}`, { token: admin, body: { status: 'CLOSED' } });
    expect(closed.status).toBe(200);
    const closedAt = (await t.db.getRepository(Alert).findOneByOrFail({ id: alert.id })).closedAt as Date;
    // Event time just after closing (within 60 min): counted on the closed alert, which stays closed.
    doc(new Date(closedAt.getTime() + 10 * 60_000).toISOString(), 'c2');
    await t.db.getRepository(AlertSource).update({ id: src.id }, { cursorTime: Date.parse('2024-07-01T10:00:00Z') });
    await runPass(t, src.id);
    let rows = await t.db.getRepository(Alert).find({ where: { source: 'closing' } });
    expect(rows.map((r) => [r.status, r.occurrences])).toEqual([['CLOSED', 2]]);
    // Well after the window: a new alert.
    doc(new Date(closedAt.getTime() + 3 * H).toISOString(), 'c3');
    await runPass(t, src.id);
    rows = await t.db.getRepository(Alert).find({ where: { source: 'closing' }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.occurrences])).toEqual([['CLOSED', 2], ['OPEN', 1]]);
  });

  it.each(['after-write', 'after-commit'] as const)(
    'loses and duplicates nothing when the pass dies mid-way (%s) and is rerun',
    async (point) => {
      const base = new Date(Date.UTC(2024, 8, 1 + ['after-write', 'after-commit'].indexOf(point)));
      const name = `crash-${point}`;
      const docs = seed(fake, 90, ['ACME', 'GLOBEX'], base, 7);
      const src = await createSource(t, admin, { name, indexPattern: docs[0].index, startAt: new Date(base.getTime() - H).toISOString(), batchSize: 20 });
      perBatch();
      t.get(IngestionFaults).arm(point, 3); // dies in the third transaction
      await expect(runPass(t, src.id)).rejects.toThrow(`injected fault at ${point}`);
      const midway = await t.db.getRepository(AlertSource).findOneByOrFail({ id: src.id });
      expect(midway.lastPassStatus).toBe('failed');
      expect(midway.docsRead).toBe(point === 'after-commit' ? 60 : 40);
      await runPass(t, src.id);
      const snap = await snapshot(t, name);
      expect(snap.origins).toBe(docs.length);
      expect(snap.occurrences).toBe(docs.length);
      expect(new Set(snap.alerts.map((a) => a.split('|')[0])).size).toBe(snap.alerts.length);
    },
  );

  it('loses a whole transaction of many batches when the pass dies before its commit, and the rerun writes it all once', async () => {
    const base = new Date(Date.UTC(2024, 8, 10));
    const docs = seed(fake, 90, ['ACME', 'GLOBEX'], base, 8);
    const src = await createSource(t, admin, { name: 'crash-gathered', indexPattern: docs[0].index, startAt: new Date(base.getTime() - H).toISOString(), batchSize: 20 });
    t.get(SourcePassService).transactionLimits = { docs: 60, ms: 60_000 };
    t.get(IngestionFaults).arm('after-write', 2); // the second transaction (batches 4 and 5) never commits
    await expect(runPass(t, src.id)).rejects.toThrow('injected fault at after-write');
    const midway = await t.db.getRepository(AlertSource).findOneByOrFail({ id: src.id });
    // SQLite writes a transaction per batch; MariaDB gathered the first three batches into one.
    expect(midway.docsRead).toBe(process.env['TEST_DB'] === 'mysql' ? 60 : 20);
    expect((await snapshot(t, 'crash-gathered')).origins).toBe(midway.docsRead);
    await runPass(t, src.id);
    const snap = await snapshot(t, 'crash-gathered');
    expect([snap.origins, snap.occurrences]).toEqual([docs.length, docs.length]);
    expect(new Set(snap.alerts.map((a) => a.split('|')[0])).size).toBe(snap.alerts.length);
  });

  it('recognises a document past the cursor that was already created by hand, and one that came back when the cursor moved back', async () => {
    const base = new Date('2024-10-01T00:00:00Z');
    const docs = seed(fake, 30, ['ACME'], base, 21);
    const src = await createSource(t, admin, { name: 'ahead', indexPattern: docs[0].index, startAt: new Date(base.getTime() - H).toISOString(), batchSize: 10 });
    // The pass skips origin lookups past its starting cursor; a document someone created by hand is still found.
    const byHand = await t.request<{ id: number }>('POST', '/api/incidents/alerts/create/manual', { token: admin, body: { indexName: docs[17].index, alertId: docs[17].id } });
    expect(byHand.status).toBe(201);
    const pass = await runPass(t, src.id);
    expect(pass).toMatchObject({ read: 30, known: 1 });
    let snap = await snapshot(t, 'ahead');
    expect([snap.origins, snap.occurrences]).toEqual([30, 30]);
    expect(await t.db.getRepository(AlertOrigin).countBy({ docId: docs[17].id })).toBe(1);
    // An operator sends the cursor back to the start: the whole stream is read again and nothing changes.
    await t.request('PUT', `/api/incidents/sources/${src.id}`, { token: admin, body: { name: 'ahead', indexPattern: docs[0].index, batchSize: 10, startAt: new Date(base.getTime() - H).toISOString() } });
    const again = await runPass(t, src.id);
    expect(again).toMatchObject({ read: 30, known: 30, created: 0, bumped: 0 });
    snap = await snapshot(t, 'ahead');
    expect([snap.origins, snap.occurrences]).toEqual([30, 30]);
  });

  it('plans a batch again when an alert it repeats changes under it, and never loses the repeat', async () => {
    const src = await createSource(t, admin, { name: 'vanishing', indexPattern: 'vanishing-*', startAt: '2024-11-01T00:00:00.000Z' });
    const doc = (at: string, id: string) => fake.seed('vanishing-alerts', [{ id, source: {
      timestamp: at, rule: { id: '5712', level: 10, description: 'sshd: brute force' }, agent: { id: '001', name: 'acme-web-01', labels: { customer: 'ACME' } },
    } }]);
    const alerts = () => t.db.getRepository(Alert).find({ where: { source: 'vanishing' }, order: { id: 'ASC' } });
    doc('2024-11-01T10:00:00.000+0000', 'v1');
    await runPass(t, src.id);
    doc('2024-11-01T10:30:00.000+0000', 'v2');
    // The writer finds the repeat's alert changed after the batch was planned: the batch is planned again.
    t.get(IngestionFaults).interleave('after-plan', async () => {
      throw new StaleHeadError();
    });
    expect(await runPass(t, src.id)).toMatchObject({ created: 0, bumped: 1 });
    expect((await alerts()).map((r) => r.occurrences)).toEqual([2]);
    if (process.env['TEST_DB'] !== 'mysql') return; // SQLite has one connection: nobody can delete meanwhile
    // A real concurrent delete (another connection, committed) of the alert the next repeat was planned onto.
    doc('2024-11-01T11:00:00.000+0000', 'v3');
    const [doomed] = await alerts();
    t.get(IngestionFaults).interleave('after-plan', async () => {
      await t.db.query('DELETE FROM alerts WHERE id = ?', [doomed.id]);
    });
    expect(await runPass(t, src.id)).toMatchObject({ created: 1 });
    const rows = await alerts();
    expect(rows.every((r) => r.id !== doomed.id)).toBe(true);
    expect(await t.db.getRepository(AlertOrigin).countBy({ docId: 'v3' })).toBe(1);
  });

  it('sees an alert an analyst closed while the pass runs: the heads it remembers are checked when written', async () => {
    const src = await createSource(t, admin, { name: 'midpass', indexPattern: 'midpass-*', startAt: '2024-12-01T00:00:00.000Z', dedupWindowMinutes: 60, batchSize: 1 });
    const doc = (at: string, id: string) => fake.seed('midpass-alerts', [{ id, source: {
      timestamp: at, rule: { id: '5712', level: 10, description: 'sshd: brute force' }, agent: { id: '001', name: 'acme-web-01', labels: { customer: 'ACME' } },
    } }]);
    doc('2024-12-01T10:00:00.000+0000', 'm1');
    // Two hours later: past the open alert's window, but within the window after a closing (which is now).
    doc('2024-12-01T12:00:00.000+0000', 'm2');
    perBatch();
    t.get(IngestionFaults).interleave('after-commit', async () => {
      const [alert] = await t.db.getRepository(Alert).find({ where: { source: 'midpass' } });
      expect((await t.request('PATCH', `/api/incidents/alerts/${alert.id}`, { token: admin, body: { status: 'CLOSED' } })).status).toBe(200);
    });
    expect(await runPass(t, src.id)).toMatchObject({ read: 2, created: 1, bumped: 1 });
    const rows = await t.db.getRepository(Alert).find({ where: { source: 'midpass' } });
    expect(rows.map((r) => [r.status, r.occurrences])).toEqual([['CLOSED', 2]]);
  });

  it('reads again from its last commit when an alert it decided against changes before its transaction commits', async () => {
    const src = await createSource(t, admin, { name: 'readagain', indexPattern: 'readagain-*', startAt: '2024-12-02T00:00:00.000Z', dedupWindowMinutes: 60, batchSize: 1 });
    const doc = (at: string, id: string, rule = '5712') => fake.seed('readagain-alerts', [{ id, source: {
      timestamp: at, rule: { id: rule, level: 10, description: `rule ${rule}` }, agent: { id: '001', name: 'acme-web-01', labels: { customer: 'ACME' } },
    } }]);
    doc('2024-12-02T10:00:00.000+0000', 'r1');
    await runPass(t, src.id);
    const [first] = await t.db.getRepository(Alert).find({ where: { source: 'readagain' } });
    // Past the open alert's window: a new alert is planned, against the first alert's head as it was.
    doc('2024-12-02T12:00:00.000+0000', 'r2');
    doc('2024-12-02T12:01:00.000+0000', 'r3', '5713');
    // The pass reads r1 again (the overlap), then r2, then r3, a batch each. Once r2 is written but, on MariaDB,
    // not committed (the transaction gathers all three), an analyst closes the first alert.
    const faults = t.get(IngestionFaults);
    const later = (times: number, action: () => Promise<void>): (() => Promise<void>) => async () => (times === 1 ? action() : faults.interleave('after-plan', later(times - 1, action)));
    faults.interleave('after-plan', later(3, async () => {
      expect((await t.request('PATCH', `/api/incidents/alerts/${first.id}`, { token: admin, body: { status: 'CLOSED' } })).status).toBe(200);
    }));
    const pass = await runPass(t, src.id);
    const rows = await t.db.getRepository(Alert).find({ where: { source: 'readagain' }, order: { id: 'ASC' } });
    if (process.env['TEST_DB'] === 'mysql') {
      // Seen at the commit: all of it rolled back and read again from r1 (what counts is what committed), and r2
      // now falls within the window after the closing.
      expect(pass).toMatchObject({ read: 2, known: 0, created: 1, bumped: 1 });
      expect(rows.map((r) => [r.ruleId, r.status, r.occurrences])).toEqual([['5712', 'CLOSED', 2], ['5713', 'OPEN', 1]]);
    } else {
      // A transaction per batch: r2 was committed before the closing, as a new alert.
      expect(rows.map((r) => [r.ruleId, r.status, r.occurrences])).toEqual([['5712', 'CLOSED', 1], ['5712', 'OPEN', 1], ['5713', 'OPEN', 1]]);
    }
    expect(await t.db.getRepository(AlertOrigin).count({ where: { sourceId: src.id } })).toBe(3);
  });

  it('lets only one pass read a source at a time (lease per source)', async () => {
    const src = await createSource(t, admin, { name: 'leased', indexPattern: 'leased-*', startAt: new Date().toISOString() });
    fake.createIndex('leased-1');
    const leases = t.get(LeaseService);
    expect(await leases.acquire(`alert-source:${src.id}`, 60_000, 'another-replica')).toBe(true);
    expect(await runPass(t, src.id)).toBeNull();
    await leases.release(`alert-source:${src.id}`, 'another-replica');
    expect(await runPass(t, src.id)).toMatchObject({ read: 0 });
  });

  it('reads Graylog-flattened documents with a mapping of flat keys and an explicit customer map', async () => {
    fake.seed('gl-events_0', [1, 2, 3].map((i) => ({ id: `gl${i}`, source: {
      timestamp: `2024-10-01T00:0${i}:00.000Z`, event_definition_title: 'Port scan', event_definition_id: 'def-1', rule_level: 12, source_host: 'fw-1',
      customer_tenant: 'Acme Corporation', source_ip: '203.0.113.9',
    } })));
    const src = await createSource(t, admin, {
      name: 'graylog', indexPattern: 'gl-events*', startAt: '2024-09-30T00:00:00.000Z',
      mapping: { title: 'event_definition_title', ruleId: 'event_definition_id', severity: 'rule_level', asset: 'source_host', customerFields: ['customer_tenant'], customerMap: { 'acme corporation': 'acme' }, iocs: [{ path: 'source_ip', type: 'IP' }] },
    });
    expect(await runPass(t, src.id)).toMatchObject({ read: 3, created: 1, bumped: 0, unattributed: 0 });
    const alert = await t.db.getRepository(Alert).findOneByOrFail({ source: 'graylog' });
    expect(alert).toMatchObject({ title: 'Port scan', severity: 'Critical', customerCode: 'acme', occurrences: 3 });
    // The asset remembers the document it was first seen in.
    const detail = await t.request<{ assets: { name: string; indexName: string | null; indexId: string | null }[] }>('GET', `/api/incidents/alerts/${alert.id}`, { token: admin });
    expect(detail.body.assets).toEqual([expect.objectContaining({ name: 'fw-1', indexName: 'gl-events_0', indexId: 'gl1' })]);
    const list = await t.request<{ items: { id: number }[] }>('GET', '/api/incidents/alerts?ioc=203.0.113.9', { token: admin });
    expect(list.body.items.map((a) => a.id)).toEqual([alert.id]);
    expect((await t.request<{ items: unknown[] }>('GET', '/api/incidents/alerts?asset=fw-1', { token: admin })).body.items).toHaveLength(1);
    expect((await t.request<{ items: unknown[] }>('GET', '/api/incidents/alerts?asset=fw-2', { token: admin })).body.items).toHaveLength(0);
  });
});
