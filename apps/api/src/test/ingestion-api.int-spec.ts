import type { FakeOpenSearch } from '@copilot/testing-fakes';
import { SchedulerService } from '@copilot/api-core';
import { TestApp } from '../testing/harness';
import { createSource, seed, startIndexer, type SourceBody } from './ingestion-helpers';

interface AlertDetail {
  id: number;
  occurrences: number;
  status: string;
  context: { indexName: string; docId: string; document: Record<string, unknown> } | null;
  occurrenceRefs: { indexName: string; docId: string }[];
  assets: { name: string; agentId: string | null; indexName: string | null; indexId: string | null }[];
  iocs: { type: string; value: string }[];
  timeline: { kind: string; actorUsername: string | null }[];
}

describe('alert sources, manual and automatic creation, pushed alerts', () => {
  let t: TestApp;
  let fake: FakeOpenSearch;
  let admin: string;
  let customerUser: string;

  beforeAll(async () => {
    const indexer = await startIndexer();
    fake = indexer.fake;
    t = await TestApp.start(indexer.env);
    admin = await t.adminToken();
    await t.createCustomer(admin, 'acme');
    await t.createCustomer(admin, 'globex');
    customerUser = (await t.createUser(admin, 'acme-viewer', 'customer_user', ['acme'])).token;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('refuses bad source configurations with a 4xx naming the problem, and saves nothing', async () => {
    const bad = async (body: Record<string, unknown>, status: number, pattern: RegExp) => {
      const res = await t.request<{ detail: string }>('POST', '/api/incidents/sources', { token: admin, body: { name: 'x1', indexPattern: 'wazuh-alerts-*', ...body } });
      expect([res.status, res.body.detail]).toEqual([status, expect.stringMatching(pattern)]);
    };
    await bad({ indexPattern: '../_cluster' }, 400, /indexPattern/);
    await bad({ mapping: { title: 'rule description' } }, 400, /title must be a field path/);
    await bad({ mapping: { customerMap: { acme: 'nobody' } } }, 400, /Unknown customer "nobody"/);
    await bad({ mapping: { iocs: [{ path: 'data.srcip', type: 'EMAIL' }] } }, 400, /type/);
    await bad({ dedupFields: ['colour'] }, 400, /dedupFields/);
    await bad({ connectorId: 999 }, 400, /not a Wazuh-Indexer instance/);
    await bad({ batchSize: 0 }, 400, /batchSize/);
    expect((await t.request<unknown[]>('GET', '/api/incidents/sources', { token: admin })).body).toEqual([]);
    await createSource(t, admin, { name: 'dup' });
    await bad({ name: 'dup' }, 409, /already exists/);
    expect((await t.request('GET', '/api/incidents/sources', { token: customerUser })).status).toBe(403);
  });

  it('replaces a source with If-Match, keeps its status, moves the cursor only on startAt, and deletes it', async () => {
    const src = await createSource(t, admin, { name: 'editable', startAt: '2024-01-01T00:00:00.000Z' });
    const put = (body: Record<string, unknown>, ifMatch?: number) =>
      t.request<SourceBody>('PUT', `/api/incidents/sources/${src.id}`, { token: admin, body: { name: 'editable', indexPattern: 'wazuh-alerts-*', ...body }, headers: ifMatch ? { 'if-match': String(ifMatch) } : {} });
    const ok = await put({ enabled: false, mapping: { asset: 'agent.ip' } }, src.version);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ enabled: false, mapping: { asset: 'agent.ip', title: 'rule.description' }, status: { cursorTime: '2024-01-01T00:00:00.000Z' } });
    expect((await put({}, src.version)).status).toBe(412);
    expect((await put({ startAt: '2024-02-01T00:00:00.000Z' })).body.status.cursorTime).toBe('2024-02-01T00:00:00.000Z');
    expect((await t.request('DELETE', `/api/incidents/sources/${src.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/incidents/sources/${src.id}`, { token: admin })).status).toBe(404);
  });

  it('create/manual builds an alert from one document with its context, and answers the same alert when repeated', async () => {
    const [doc] = seed(fake, 1, ['acme'], new Date('2024-03-01T00:00:00Z'), 11);
    const res = await t.request<{ id: number; customerCode: string; source: string }>('POST', '/api/incidents/alerts/create/manual', { token: admin, body: { indexName: doc.index, alertId: doc.id } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerCode: 'acme', source: 'dup' }); // the first source covering wazuh-alerts-*
    const again = await t.request<{ id: number }>('POST', '/api/incidents/alerts/create/manual', { token: admin, body: { indexName: doc.index, alertId: doc.id } });
    expect([again.status, again.body.id]).toEqual([200, res.body.id]);
    const detail = (await t.request<AlertDetail>('GET', `/api/incidents/alerts/${res.body.id}`, { token: customerUser })).body;
    expect(detail.occurrences).toBe(1);
    expect(detail.context).toEqual({ indexName: doc.index, docId: doc.id, document: doc.source });
    expect(detail.occurrenceRefs).toEqual([expect.objectContaining({ indexName: doc.index, docId: doc.id })]);
    expect(detail.assets[0]).toMatchObject({ name: (doc.source['agent'] as { name: string }).name, indexName: doc.index, indexId: doc.id });
    expect(detail.iocs).toContainEqual({ type: 'IP', value: (doc.source['data'] as { srcip: string }).srcip });
    expect(detail.timeline[0]).toMatchObject({ kind: 'CREATED', actorUsername: 'admin' });
    const fetched = await t.request<{ document: unknown }>('GET', `/api/incidents/alerts/${res.body.id}/documents?indexName=${doc.index}&docId=${doc.id}`, { token: customerUser });
    expect([fetched.status, fetched.body.document]).toEqual([200, doc.source]);
    const foreign = await t.request('GET', `/api/incidents/alerts/${res.body.id}/documents?indexName=${doc.index}&docId=someone-elses`, { token: admin });
    expect(foreign.status).toBe(404);
  });

  it('create/manual answers 404 for a missing document and 400 for one no customer can be found for', async () => {
    const missing = await t.request<{ detail: string }>('POST', '/api/incidents/alerts/create/manual', { token: admin, body: { indexName: 'wazuh-alerts-4.x-2024.03.01', alertId: 'nope' } });
    expect([missing.status, missing.body.detail]).toEqual([404, 'Document nope not found in index wazuh-alerts-4.x-2024.03.01']);
    const [orphan] = seed(fake, 1, ['initech'], new Date('2024-03-02T00:00:00Z'), 12);
    const res = await t.request<{ detail: string }>('POST', '/api/incidents/alerts/create/manual', { token: admin, body: { indexName: orphan.index, alertId: orphan.id } });
    expect([res.status, res.body.detail]).toEqual([400, 'The document cannot become an alert: agent.labels.customer is "initech", which matches no customer']);
    expect((await t.request('POST', '/api/incidents/alerts/create/manual', { token: customerUser, body: { indexName: orphan.index, alertId: orphan.id } })).status).toBe(403);
  });

  it('create/auto starts the collect job (202 + run id) which ingests every enabled source', async () => {
    const docs = seed(fake, 10, ['globex'], new Date('2024-04-01T00:00:00Z'), 13);
    await createSource(t, admin, { name: 'auto', indexPattern: 'wazuh-alerts-4.x-2024.04.*', startAt: '2024-03-31T00:00:00.000Z' });
    const res = await t.request<{ runId: string }>('POST', '/api/incidents/alerts/create/auto', { token: admin });
    expect(res.status).toBe(202);
    await t.get(SchedulerService).drain();
    const run = await t.request<{ status: string; summary: string }>('GET', `/api/scheduler/runs/${res.body.runId}`, { token: admin });
    expect(run.body.status).toBe('succeeded');
    expect(run.body.summary).toContain('auto: read 10');
    const listed = await t.request<{ items: { occurrences: number }[] }>('GET', '/api/incidents/alerts?source=auto', { token: admin });
    expect(listed.body.items.reduce((n, a) => n + a.occurrences, 0)).toBe(docs.length);
  });

  it('puts pushed alerts through the same dedup: a repeat bumps (200), a retried externalId changes nothing', async () => {
    const push = (extra: Record<string, unknown>) => t.request<{ id: number; occurrences: number }>('POST', '/api/incidents/alerts', {
      token: admin, body: { title: 'EDR: ransomware behaviour', severity: 'High', source: 'edr', customerCode: 'acme', ruleId: 'R-9', asset: 'acme-ws-7', ...extra },
    });
    const first = await push({ externalId: 'e-1', iocs: [{ type: 'HASH', value: 'A'.repeat(64) }] });
    expect(first.status).toBe(201);
    const repeat = await push({ externalId: 'e-2', iocs: [{ type: 'DOMAIN', value: 'c2.example.net' }] });
    expect([repeat.status, repeat.body.id, repeat.body.occurrences]).toEqual([200, first.body.id, 2]);
    const retried = await push({ externalId: 'e-2' });
    expect([retried.status, retried.body.id, retried.body.occurrences]).toEqual([200, first.body.id, 2]);
    const other = await push({ asset: 'acme-ws-8' });
    expect([other.status, other.body.occurrences]).toEqual([201, 1]);
    const detail = (await t.request<AlertDetail>('GET', `/api/incidents/alerts/${first.body.id}`, { token: admin })).body;
    expect(detail.iocs).toEqual([{ type: 'DOMAIN', value: 'c2.example.net' }, { type: 'HASH', value: 'a'.repeat(64) }]);
    expect(detail.occurrenceRefs).toEqual([]);
    const invalid = await push({ iocs: [{ type: 'IP', value: '999.1.1.1' }] });
    expect([invalid.status, (invalid.body as unknown as { detail: string }).detail]).toEqual([400, 'iocs[0] is not a valid IP']);
  });

  it('writes the alert id back to each document when enabled, and leaves a write-blocked index blocked', async () => {
    const docs = seed(fake, 6, ['acme'], new Date('2024-05-05T00:00:00Z'), 14);
    const blocked = seed(fake, 2, ['acme'], new Date('2024-05-06T00:00:00Z'), 15);
    fake.setIndexSettings(blocked[0].index, { 'index.blocks.write': true });
    const src = await createSource(t, admin, { name: 'tagged', indexPattern: 'wazuh-alerts-4.x-2024.05.0*', writeBack: true, startAt: '2024-05-04T00:00:00.000Z' });
    await t.request('POST', '/api/incidents/alerts/create/auto', { token: admin });
    await t.get(SchedulerService).drain();
    for (const d of docs) expect(fake.getDocument(d.index, d.id)?.['copilot_alert_id']).toEqual(expect.any(Number));
    for (const d of blocked) expect(fake.getDocument(d.index, d.id)?.['copilot_alert_id']).toBeUndefined();
    const status = (await t.request<SourceBody>('GET', `/api/incidents/sources/${src.id}`, { token: admin })).body.status;
    expect(status.writeBackFailures).toBe(2);
    const settings = await t.request('GET', '/api/incidents/sources', { token: admin });
    expect(settings.status).toBe(200);
  });
});
