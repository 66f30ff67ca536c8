import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory, UpstreamAuthError } from '@copilot/api-core';
import { FakeOpenSearch, seedWazuhAlerts, type SeededAlert } from '@copilot/testing-fakes';
import { WazuhIndexerClient } from './wazuh-indexer.client';
import { IndexWriteBlockedError } from './wazuh-indexer.requests';
import type { WazuhIndexerConfig } from './wazuh-indexer.types';

interface Alert {
  timestamp: string;
  rule: { id: string; level: number };
  agent: { labels: { customer: string } };
  copilot?: { alert_id: number };
}

describe('WazuhIndexerClient against FakeOpenSearch over HTTPS', () => {
  let fake: FakeOpenSearch;
  let alerts: SeededAlert[];
  let client: WazuhIndexerClient;

  const build = (overrides: Partial<WazuhIndexerConfig> = {}) =>
    new WazuhIndexerClient(
      { url: fake.url, username: 'indexer-reader', password: 'S3cure!pass', caPem: fake.caPem, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );

  beforeAll(async () => {
    Logger.overrideLogger(['warn', 'error']);
    fake = await FakeOpenSearch.start({ tls: true, username: 'indexer-reader', password: 'S3cure!pass' });
    alerts = seedWazuhAlerts(fake, {
      count: 30,
      customers: ['ACME', 'GLOBEX'],
      startTime: new Date('2024-05-01T23:00:00Z'),
      intervalMs: 5 * 60_000,
    });
    fake.addAlias(alerts[0].index, 'wazuh-alerts-current');
    client = build();
  });

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('talks HTTPS with Basic auth, trusting only the configured CA', async () => {
    const health = await client.health();
    expect(health).toMatchObject({ cluster_name: 'wazuh-cluster', status: 'green', number_of_nodes: 1 });
    const last = fake.requests[fake.requests.length - 1];
    expect(fake.url.startsWith('https://')).toBe(true);
    expect(last.headers['authorization']).toBe(`Basic ${Buffer.from('indexer-reader:S3cure!pass').toString('base64')}`);
  });

  it('reads cluster info and never chokes on an odd version string', async () => {
    expect((await client.info()).version).toMatchObject({ raw: '2.19.1', major: 2, minor: 19, patch: 1, suffix: null });
    fake.setVersion('7.10.2-SNAPSHOT');
    expect((await client.info()).version).toMatchObject({ major: 7, minor: 10, patch: 2, suffix: 'SNAPSHOT' });
    fake.setVersion('wazuh-indexer nightly');
    expect((await client.info()).version).toEqual({
      raw: 'wazuh-indexer nightly',
      major: null,
      minor: null,
      patch: null,
      suffix: 'wazuh-indexer nightly',
    });
    fake.setVersion('2.19.1');
  });

  it('searches with query, sort, size and total', async () => {
    const result = await client.search<Alert>({
      index: 'wazuh-alerts-*',
      query: { bool: { filter: [{ term: { 'agent.labels.customer': 'ACME' } }] } },
      sort: [{ timestamp: { order: 'desc' } }, '_id'],
      size: 5,
      trackTotalHits: true,
    });
    expect(result.total).toEqual({ value: 15, relation: 'eq' });
    expect(result.hits).toHaveLength(5);
    expect(result.hits.every((hit) => hit._source.agent.labels.customer === 'ACME')).toBe(true);
    expect(typeof result.hits[0].sort[0]).toBe('number');
    const times = result.hits.map((hit) => Number(hit.sort[0]));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const next = await client.search<Alert>({
      index: 'wazuh-alerts-*',
      sort: [{ timestamp: { order: 'desc' } }, '_id'],
      size: 100,
      searchAfter: result.hits[4].sort,
      query: { term: { 'agent.labels.customer': 'ACME' } },
      trackTotalHits: false,
    });
    expect(next.total).toBeNull();
    expect(next.hits).toHaveLength(10);
  });

  it('refuses an ambiguous or malformed search as bad input, without calling the indexer', async () => {
    const before = fake.requests.length;
    await expect(client.search({ index: 'x', pit: { id: 'p' } })).rejects.toThrow(BadInputError);
    await expect(client.search({})).rejects.toThrow(BadInputError);
    await expect(client.count('wazuh-alerts-*/../_security')).rejects.toThrow(/invalid index expression/);
    expect(fake.requests.length).toBe(before);
  });

  it('opens, searches and closes a point in time', async () => {
    const pitId = await client.openPit('wazuh-alerts-*', '1m');
    const page = await client.search<Alert>({ pit: { id: pitId, keepAlive: '1m' }, sort: ['_id'], size: 3 });
    expect(page.hits).toHaveLength(3);
    expect(page.pitId).toBe(pitId);
    expect(fake.openPitIds()).toContain(pitId);
    expect(await client.closePit(pitId)).toBe(true);
    expect(fake.openPitIds()).not.toContain(pitId);
    expect(await client.closePit(pitId)).toBe(false);
  });

  it('counts', async () => {
    expect(await client.count('wazuh-alerts-*')).toBe(30);
    expect(await client.count('wazuh-alerts-*', { term: { 'agent.labels.customer': 'GLOBEX' } })).toBe(15);
  });

  it('gets a document, and null for a missing document or index', async () => {
    const doc = await client.getDoc<Alert>(alerts[3].index, alerts[3].id);
    expect(doc).toMatchObject({ index: alerts[3].index, id: alerts[3].id, version: 1, source: alerts[3].source });
    expect(await client.getDoc(alerts[3].index, 'no-such-id')).toBeNull();
    expect(await client.getDoc('no-such-index', 'x')).toBeNull();
  });

  it('updates a document partially, and reports a write block without lifting it', async () => {
    const target = alerts[5];
    expect(await client.updateDoc(target.index, target.id, { copilot: { alert_id: 42 } })).toMatchObject({
      result: 'updated',
      version: 2,
    });
    expect(fake.getDocument(target.index, target.id)).toMatchObject({
      copilot: { alert_id: 42 },
      rule: target.source['rule'],
    });
    expect((await client.updateDoc(target.index, target.id, { copilot: { alert_id: 42 } })).result).toBe('noop');

    const blocked = alerts.find((a) => a.index !== target.index) ?? alerts[0];
    fake.setIndexSettings(blocked.index, { 'index.blocks.write': true });
    try {
      const attempt = client.updateDoc(blocked.index, blocked.id, { copilot: { alert_id: 7 } });
      await expect(attempt).rejects.toBeInstanceOf(IndexWriteBlockedError);
      await expect(attempt).rejects.toThrow(`Wazuh-Indexer: index ${blocked.index} is write-blocked`);
      expect(fake.getDocument(blocked.index, blocked.id)).not.toHaveProperty('copilot');
      const settings = await client.indexSettings(blocked.index);
      expect(settings[blocked.index]).toMatchObject({ writeBlocked: true, settings: { 'index.blocks.write': 'true' } });
      expect(fake.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/_settings'))).toBe(false);
    } finally {
      fake.setIndexSettings(blocked.index, { 'index.blocks.write': null });
    }
  });

  it('lists aliases, indices, shards and allocation with numbers parsed', async () => {
    const aliases = await client.aliases();
    expect(aliases[alerts[0].index]).toEqual(['wazuh-alerts-current']);
    expect(Object.keys(await client.aliases('wazuh-alerts-current'))).toEqual([alerts[0].index]);

    const indices = await client.indices();
    const total = indices
      .filter((row) => row.index.startsWith('wazuh-alerts-'))
      .reduce((sum, row) => sum + (row.docsCount ?? 0), 0);
    expect(total).toBe(30);
    expect(indices[0]).toMatchObject({ health: 'green', status: 'open', primaries: 1, replicas: 0 });
    expect(indices[0].storeSizeBytes).toBeGreaterThan(0);

    const shards = await client.shards('wazuh-alerts-*');
    expect(shards.every((row) => row.primary && row.state === 'STARTED' && row.node === 'node-1')).toBe(true);

    const [node] = await client.allocation();
    expect(node).toMatchObject({ node: 'node-1', ip: '127.0.0.1' });
    expect(node.diskTotalBytes).toBeGreaterThan(node.diskUsedBytes ?? Infinity);
    expect(node.diskPercent).toEqual(expect.any(Number));
  });

  it('retries a transient 5xx on reads transparently', async () => {
    fake.failNext(1, 503);
    expect(await client.count('wazuh-alerts-*')).toBe(30);
  });

  it('turns a password changed mid-session into a wrong-credentials error', async () => {
    fake.setCredentials('indexer-reader', 'rotated');
    try {
      await expect(client.health()).rejects.toBeInstanceOf(UpstreamAuthError);
      expect(await client.verify()).toEqual({ ok: false, message: expect.stringContaining('wrong credentials') });
    } finally {
      fake.setCredentials('indexer-reader', 'S3cure!pass');
    }
    expect((await client.verify()).ok).toBe(true);
  });
});
