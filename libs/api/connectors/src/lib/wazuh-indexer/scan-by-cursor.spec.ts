import { Logger } from '@nestjs/common';
import { CircuitBreakerRegistry, OutboundHttpFactory, ServiceUnavailableError } from '@copilot/api-core';
import { FakeOpenSearch, seedWazuhAlerts, type SeededAlert } from '@copilot/testing-fakes';
import { WazuhIndexerClient } from './wazuh-indexer.client';
import type { ScanBatch, ScanOptions, SearchHit } from './wazuh-indexer.types';

interface Alert {
  timestamp: string;
  id: string;
  agent: { labels: { customer: string } };
}

describe('WazuhIndexerClient.scanByCursor', () => {
  let fake: FakeOpenSearch;
  let client: WazuhIndexerClient;
  let seeded: SeededAlert[];
  const start = new Date('2024-05-01T23:30:00Z');
  const base: ScanOptions = { index: 'wazuh-alerts-*', timeField: 'timestamp', batchSize: 20 };

  const collect = async (options: ScanOptions) => {
    const batches: Array<ScanBatch<Alert>> = [];
    for await (const batch of client.scanByCursor<Alert>(options)) batches.push(batch);
    return { batches, hits: batches.flatMap((b) => b.hits) };
  };
  /** Strictly increasing in (time, id): no duplicates and the documented order. */
  const assertOrdered = (hits: Array<SearchHit<Alert>>) => {
    for (let i = 1; i < hits.length; i++) {
      const [t0, id0] = hits[i - 1].sort;
      const [t1, id1] = hits[i].sort;
      expect(Number(t1) > Number(t0) || (t1 === t0 && String(id1) > String(id0))).toBe(true);
    }
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeOpenSearch.start({ tls: true });
    // Three alerts per timestamp, across a day boundary (two daily indices): ties need the id tiebreak.
    seeded = seedWazuhAlerts(fake, {
      count: 157,
      customers: ['ACME', 'GLOBEX', 'INITECH'],
      startTime: start,
      intervalMs: 60_000,
      perTimestamp: 3,
    });
    client = new WazuhIndexerClient(
      { url: fake.url, username: 'admin', password: 'admin', caPem: fake.caPem },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
  });

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  afterEach(() => expect(fake.openPitIds()).toEqual([]));

  it('visits every document exactly once, in (time, id) order, across many batches', async () => {
    expect(new Set(seeded.map((s) => s.index)).size).toBe(2);
    const { batches, hits } = await collect(base);
    expect(batches).toHaveLength(8);
    expect(batches.slice(0, 7).every((b) => b.hits.length === 20)).toBe(true);
    expect(hits).toHaveLength(157);
    expect(new Set(hits.map((h) => h._id))).toEqual(new Set(seeded.map((s) => s.id)));
    assertOrdered(hits);
    const last = batches[batches.length - 1];
    expect(last.cursor).toEqual({
      time: last.hits[last.hits.length - 1].sort[0],
      id: last.hits[last.hits.length - 1]._id,
    });
    expect(typeof last.cursor.time).toBe('number');
  });

  it('resumes strictly after a stored cursor', async () => {
    const full = (await collect(base)).hits;
    const partial: Array<SearchHit<Alert>> = [];
    let cursor: ScanBatch<Alert>['cursor'] | undefined;
    for await (const batch of client.scanByCursor<Alert>(base)) {
      partial.push(...batch.hits);
      cursor = batch.cursor;
      if (partial.length >= 60) break;
    }
    const rest = (await collect({ ...base, after: cursor, batchSize: 25 })).hits;
    expect([...partial, ...rest].map((h) => h._id)).toEqual(full.map((h) => h._id));
  });

  it('applies the caller query and a caller-chosen tiebreak field', async () => {
    const { hits } = await collect({
      ...base,
      query: { term: { 'agent.labels.customer': 'GLOBEX' } },
      tiebreakField: 'id',
    });
    expect(hits.length).toBe(
      seeded.filter((s) => (s.source['agent'] as Alert['agent']).labels.customer === 'GLOBEX').length,
    );
    expect(hits.every((h) => h._source.agent.labels.customer === 'GLOBEX')).toBe(true);
    expect(hits.map((h) => h.sort[1])).toEqual(hits.map((h) => h._source.id));
  });

  it('does not see documents indexed after its point in time was opened; the next scan does', async () => {
    const index = seeded[0].index;
    const seen: string[] = [];
    let added = false;
    for await (const batch of client.scanByCursor<Alert>(base)) {
      seen.push(...batch.hits.map((h) => h._id));
      if (!added) {
        // Lands in the middle of the time range, ahead of the scan's position.
        fake.seed(index, [
          {
            id: 'late-arrival',
            source: { timestamp: '2024-05-01T23:50:00.000+0000', id: 'late', agent: { labels: { customer: 'ACME' } } },
          },
        ]);
        added = true;
      }
    }
    expect(seen).toHaveLength(157);
    expect(seen).not.toContain('late-arrival');
    expect((await collect(base)).hits.map((h) => h._id)).toContain('late-arrival');
  });

  it('closes the point in time when the consumer throws', async () => {
    const consume = async () => {
      for await (const batch of client.scanByCursor<Alert>(base)) {
        if (batch.hits.length > 0) throw new Error('ingestion failed');
      }
    };
    await expect(consume()).rejects.toThrow('ingestion failed');
    expect(
      fake.requests.filter((r) => r.method === 'DELETE' && r.path === '/_search/point_in_time').length,
    ).toBeGreaterThan(0);
  });

  it('closes the point in time when a search fails mid-scan, surfacing the failure', async () => {
    const consume = async () => {
      let batches = 0;
      for await (const _batch of client.scanByCursor<Alert>(base)) {
        batches += 1;
        if (batches === 1) fake.injectFault({ kind: 'status', status: 500 }, { path: '/_search', times: 3 });
      }
    };
    await expect(consume()).rejects.toThrow(ServiceUnavailableError);
    fake.clearFaults();
  });

  it('refuses a batch size out of range before opening anything', async () => {
    const before = fake.requests.length;
    await expect(collect({ ...base, batchSize: 0 })).rejects.toThrow(
      'batchSize must be an integer between 1 and 10000',
    );
    expect(fake.requests.length).toBe(before);
  });

  it('yields nothing for an empty match and still closes its point in time', async () => {
    const { batches } = await collect({ ...base, query: { term: { 'agent.labels.customer': 'NOBODY' } } });
    expect(batches).toEqual([]);
  });
});
