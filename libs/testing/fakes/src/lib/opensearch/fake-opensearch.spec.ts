import { FakeOpenSearch } from './fake-opensearch';
import { seedWazuhAlerts, wazuhAlertsIndex } from './seed-wazuh-alerts';

type Json = Record<string, unknown>;

describe('FakeOpenSearch (plain HTTP, driven with fetch)', () => {
  let fake: FakeOpenSearch;
  const auth = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json: json as Json, headers: response.headers };
  };
  const hitIds = (body: Json) => ((body['hits'] as Json)['hits'] as Json[]).map((hit) => hit['_id']);

  beforeEach(async () => {
    fake = await FakeOpenSearch.start();
    fake.seed('logs-a', [
      {
        id: 'a1',
        source: { '@timestamp': '2024-05-01T10:00:00.000+0000', level: 3, user: { name: 'alice' }, tags: ['x', 'y'] },
      },
      { id: 'a2', source: { '@timestamp': '2024-05-01T11:00:00.000+0000', level: 10, user: { name: 'bob' } } },
    ]);
    fake.seed('logs-b', [
      { id: 'b1', source: { '@timestamp': '2024-05-02T09:00:00Z', level: 7, 'user.name': 'carol' } },
    ]);
    fake.seed('.hidden', [{ id: 'h1', source: { level: 1 } }]);
    fake.addAlias('logs-b', 'current');
  });

  afterEach(() => fake.stop());

  it('answers 401 with a Basic challenge to missing or wrong credentials, and to old ones after a change', async () => {
    const anonymous = await fetch(`${fake.url}/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    expect((await call('GET', '/')).status).toBe(200);
    fake.setCredentials('admin', 'rotated');
    expect((await call('GET', '/_cluster/health')).status).toBe(401);
  });

  it('reports its version (including odd ones) and a green single-node health', async () => {
    fake.setVersion('7.10.2-wazuh+build.9');
    expect(((await call('GET', '/')).json['version'] as Json)['number']).toBe('7.10.2-wazuh+build.9');
    const health = (await call('GET', '/_cluster/health')).json;
    expect(health).toMatchObject({ status: 'green', number_of_nodes: 1, cluster_name: 'wazuh-cluster' });
  });

  it('resolves wildcards, comma lists, aliases and exclusions like OpenSearch, hiding dot-indices from *', async () => {
    expect(hitIds((await call('POST', '/logs-*/_search', { sort: ['_id'] })).json)).toEqual(['a1', 'a2', 'b1']);
    expect(hitIds((await call('POST', '/logs-*,-logs-b/_search', { sort: ['_id'] })).json)).toEqual(['a1', 'a2']);
    expect(hitIds((await call('POST', '/current/_search', {})).json)).toEqual(['b1']);
    expect(hitIds((await call('POST', '/*/_search', { sort: ['_id'] })).json)).not.toContain('h1');
    expect(hitIds((await call('POST', '/nomatch-*/_search', {})).json)).toEqual([]);
    const missing = await call('POST', '/absent/_search', {});
    expect(missing.status).toBe(404);
    expect((missing.json['error'] as Json)['type']).toBe('index_not_found_exception');
  });

  it('evaluates term, terms, range on dates and numbers, bool, exists and query_string', async () => {
    const ids = async (query: unknown) =>
      hitIds((await call('POST', '/logs-*/_search', { query, sort: ['_id'] })).json);
    expect(await ids({ term: { 'user.name': 'carol' } })).toEqual(['b1']);
    expect(await ids({ term: { 'user.name.keyword': { value: 'bob' } } })).toEqual(['a2']);
    expect(await ids({ terms: { level: [3, 7] } })).toEqual(['a1', 'b1']);
    expect(
      await ids({ range: { '@timestamp': { gte: '2024-05-01T10:30:00Z', lt: '2024-05-02T10:00:00+00:00' } } }),
    ).toEqual(['a2', 'b1']);
    expect(await ids({ range: { level: { gt: 3, lte: 10 } } })).toEqual(['a2', 'b1']);
    expect(
      await ids({ bool: { filter: [{ range: { level: { gte: 5 } } }], must_not: [{ term: { _id: 'b1' } }] } }),
    ).toEqual(['a2']);
    expect(await ids({ exists: { field: 'tags' } })).toEqual(['a1']);
    expect(await ids({ query_string: { query: 'user.name:"alice" OR user.name:carol' } })).toEqual(['a1', 'b1']);
    const bad = await call('POST', '/logs-*/_search', { query: { fuzzy_thing: {} } });
    expect(bad.status).toBe(400);
  });

  it('sorts (dates as epoch millis), pages with search_after and counts totals', async () => {
    const first = (await call('POST', '/logs-*/_search', { size: 2, sort: [{ '@timestamp': 'desc' }, { _id: 'asc' }] }))
      .json;
    expect(hitIds(first)).toEqual(['b1', 'a2']);
    const hits = (first['hits'] as Json)['hits'] as Json[];
    expect(hits[0]['sort']).toEqual([Date.parse('2024-05-02T09:00:00Z'), 'b1']);
    expect((first['hits'] as Json)['total']).toEqual({ value: 3, relation: 'eq' });
    const next = (
      await call('POST', '/logs-*/_search', {
        size: 2,
        sort: [{ '@timestamp': 'desc' }, { _id: 'asc' }],
        search_after: hits[1]['sort'],
      })
    ).json;
    expect(hitIds(next)).toEqual(['a1']);
    expect(
      ((await call('POST', '/logs-*/_search', { track_total_hits: false })).json['hits'] as Json)['total'],
    ).toBeUndefined();
    expect(((await call('POST', '/logs-*/_search', { track_total_hits: 2 })).json['hits'] as Json)['total']).toEqual({
      value: 2,
      relation: 'gte',
    });
    expect((await call('POST', '/logs-*/_count', { query: { range: { level: { gte: 7 } } } })).json['count']).toBe(2);
  });

  it('keeps a point in time frozen: later writes are invisible through it, until it is deleted', async () => {
    const opened = await call('POST', '/logs-*/_search/point_in_time?keep_alive=1m');
    const pitId = opened.json['pit_id'] as string;
    expect(typeof opened.json['creation_time']).toBe('number');
    fake.seed('logs-a', [{ id: 'a3', source: { level: 1 } }]);
    const viaPit = await call('POST', '/_search', { pit: { id: pitId, keep_alive: '1m' }, sort: ['_id'] });
    expect(hitIds(viaPit.json)).toEqual(['a1', 'a2', 'b1']);
    expect(viaPit.json['pit_id']).toBe(pitId);
    expect((await call('POST', '/logs-a/_search', { pit: { id: pitId } })).status).toBe(400);
    expect(fake.openPitIds()).toEqual([pitId]);
    const closed = await call('DELETE', '/_search/point_in_time', { pit_id: [pitId] });
    expect(closed.json).toEqual({ pits: [{ successful: true, pit_id: pitId }] });
    expect(fake.openPitIds()).toEqual([]);
    expect((await call('POST', '/_search', { pit: { id: pitId } })).status).toBe(404);
  });

  it('gets, updates and refuses writes to a write-blocked index with cluster_block_exception', async () => {
    expect((await call('GET', '/logs-a/_doc/a1')).json).toMatchObject({
      _id: 'a1',
      found: true,
      _source: { level: 3 },
    });
    expect((await call('GET', '/logs-a/_doc/zz')).status).toBe(404);
    const updated = await call('POST', '/logs-a/_update/a1', { doc: { user: { role: 'admin' } } });
    expect(updated.json).toMatchObject({ result: 'updated', _version: 2 });
    expect(fake.getDocument('logs-a', 'a1')).toMatchObject({ user: { name: 'alice', role: 'admin' } });
    expect((await call('POST', '/logs-a/_update/a1', { doc: { user: { role: 'admin' } } })).json['result']).toBe(
      'noop',
    );

    expect((await call('PUT', '/logs-a/_settings', { index: { blocks: { write: true } } })).json).toEqual({
      acknowledged: true,
    });
    const blocked = await call('POST', '/logs-a/_update/a1', { doc: { x: 1 } });
    expect(blocked.status).toBe(403);
    expect(blocked.json['error']).toMatchObject({
      type: 'cluster_block_exception',
      reason: 'index [logs-a] blocked by: [FORBIDDEN/8/index write (api)];',
    });
    const settings = (await call('GET', '/logs-a/_settings?flat_settings=true')).json;
    expect(((settings['logs-a'] as Json)['settings'] as Json)['index.blocks.write']).toBe('true');
  });

  it('seeds through PUT _doc and _bulk (ndjson), reporting per-item errors', async () => {
    expect((await call('PUT', '/new-index/_doc/n1', { a: 1 })).status).toBe(201);
    fake.setIndexSettings('logs-b', { 'index.blocks.write': true });
    const ndjson = [
      JSON.stringify({ index: { _index: 'new-index', _id: 'n2' } }),
      JSON.stringify({ a: 2 }),
      JSON.stringify({ index: { _index: 'logs-b', _id: 'b2' } }),
      JSON.stringify({ a: 3 }),
      '',
    ].join('\n');
    const bulk = (await call('POST', '/_bulk', ndjson, { 'content-type': 'application/x-ndjson' })).json;
    expect(bulk['errors']).toBe(true);
    const items = bulk['items'] as Json[];
    expect((items[0]['index'] as Json)['status']).toBe(201);
    expect((items[1]['index'] as Json)['status']).toBe(403);
    expect(fake.documentCount('new-index')).toBe(2);
  });

  it('lists aliases, indices, shards and allocation as the CAT/alias APIs do', async () => {
    expect((await call('GET', '/_alias')).json).toMatchObject({
      'logs-a': { aliases: {} },
      'logs-b': { aliases: { current: {} } },
    });
    expect((await call('GET', '/logs-b/_alias')).json).toEqual({ 'logs-b': { aliases: { current: {} } } });
    const indices = (await call('GET', '/_cat/indices?format=json&bytes=b')).json as unknown as Json[];
    expect(indices.find((row) => row['index'] === 'logs-a')).toMatchObject({
      health: 'green',
      'docs.count': '2',
      pri: '1',
      rep: '0',
    });
    const shards = (await call('GET', '/_cat/shards?format=json')).json as unknown as Json[];
    expect(shards.find((row) => row['index'] === 'logs-b')).toMatchObject({ prirep: 'p', state: 'STARTED', docs: '1' });
    const allocation = (await call('GET', '/_cat/allocation?format=json')).json as unknown as Json[];
    expect(allocation[0]).toMatchObject({ node: 'node-1', shards: '3' });
    expect((await call('GET', '/_cat/indices?v')).text).toMatch(/^health\s+status\s+index/);
  });

  it('fails on demand: 5xx, HTML, garbage, slowness', async () => {
    fake.failNext(2, 502);
    expect((await call('GET', '/')).status).toBe(502);
    expect((await call('GET', '/')).status).toBe(502);
    expect((await call('GET', '/')).status).toBe(200);
    fake.injectFault({ kind: 'html' });
    expect((await call('GET', '/')).text).toContain('<!DOCTYPE html>');
    fake.injectFault({ kind: 'garbage' }, { path: '/_cluster/health' });
    expect((await call('GET', '/')).status).toBe(200);
    expect((await call('GET', '/_cluster/health')).json).toBeUndefined();
    fake.setLatency(150);
    const started = Date.now();
    await call('GET', '/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.requests.length).toBeGreaterThan(5);
  });

  it('seeds realistic Wazuh alerts into daily indices', () => {
    const start = new Date('2024-05-01T23:58:00Z');
    const alerts = seedWazuhAlerts(fake, { count: 6, customers: ['ACME', 'GLOBEX'], startTime: start });
    expect(new Set(alerts.map((a) => a.index))).toEqual(
      new Set([wazuhAlertsIndex(start), 'wazuh-alerts-4.x-2024.05.02']),
    );
    expect(alerts[0].source).toMatchObject({
      timestamp: '2024-05-01T23:58:00.000+0000',
      agent: { labels: { customer: 'ACME' } },
      manager: { name: 'wazuh-manager' },
    });
    expect(alerts[1].source).toMatchObject({ agent: { labels: { customer: 'GLOBEX' } } });
    expect(alerts[0].source['rule']).toEqual(
      expect.objectContaining({ id: expect.any(String), level: expect.any(Number), groups: expect.any(Array) }),
    );
    expect(fake.documentCount('wazuh-alerts-*')).toBe(6);
  });
});
