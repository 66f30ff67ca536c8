import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  NotFoundError,
  OutboundHttpFactory,
  UpstreamAuthError,
  UpstreamFormatError,
} from '@copilot/api-core';
import { FakeGraylog, GRAYLOG_EVENT_IDS, GRAYLOG_IDS } from '@copilot/testing-fakes';
import { GraylogClient } from './graylog.client';

describe('GraylogClient against FakeGraylog over HTTPS', () => {
  let fake: FakeGraylog;
  let client: GraylogClient;

  const build = (username = 'copilot', password = 'Gr4ylog!pass') =>
    new GraylogClient(
      { url: fake.url, username, password, caPem: fake.caPem },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
  const lastRequest = () => fake.requests[fake.requests.length - 1];

  beforeAll(async () => {
    Logger.overrideLogger(['warn', 'error']);
    fake = await FakeGraylog.start({
      tls: true,
      username: 'copilot',
      password: 'Gr4ylog!pass',
      users: [{ username: 'soc-reader', password: 'r3ader!', roles: ['Reader'] }],
    });
    client = build();
  });

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('reads the system overview over HTTPS with Basic auth and X-Requested-By', async () => {
    const system = await client.system();
    expect(system).toMatchObject({
      clusterId: '3f1c2a8e-5b7d-4c9e-8a21-6d0f4b3e9c17',
      nodeId: '9a7e54c1-0b2d-4f8e-a6c3-1e5d7b9f2a04',
      lifecycle: 'running',
      isProcessing: true,
      version: { raw: '6.1.4+9b04f4d', major: 6, minor: 1, patch: 4, preRelease: null, build: '9b04f4d' },
    });
    expect(lastRequest().headers['authorization']).toBe(
      `Basic ${Buffer.from('copilot:Gr4ylog!pass').toString('base64')}`,
    );
    expect(lastRequest().headers['x-requested-by']).toBe('CoPilot');
  });

  it('lists inputs and their run states', async () => {
    const inputs = await client.inputs();
    expect(inputs.map((i) => i.name)).toEqual(['Syslog UDP', 'GELF TCP', 'Beats']);
    expect(inputs[0]).toMatchObject({
      id: GRAYLOG_IDS.syslogInput,
      global: true,
      node: null,
      staticFields: { customer_code: 'ACME' },
    });
    expect(inputs[0].attributes['port']).toBe(5140);
    const states = await client.inputStates();
    expect(states.find((s) => s.id === GRAYLOG_IDS.beatsInput)).toMatchObject({
      state: 'FAILED',
      detailedMessage: 'Address already in use: bind (0.0.0.0:5044)',
      input: { title: 'GLOBEX Winlogbeat' },
    });
  });

  it('lists index sets, with stats when asked and paged by skip/limit', async () => {
    const all = await client.indexSets();
    expect(all.total).toBe(5);
    expect(all.indexSets.find((s) => s.isDefault)?.indexPrefix).toBe('graylog');
    expect(all.indexSets[0].stats).toBeNull();
    const page = await client.indexSets({ skip: 3, limit: 1, stats: true });
    expect(lastRequest().query).toEqual({ skip: '3', limit: '1', stats: 'true' });
    expect(page.indexSets).toEqual([
      expect.objectContaining({
        indexPrefix: 'wazuh',
        stats: { indices: 6, documents: 3_880_120, sizeBytes: 2_904_551_020 },
      }),
    ]);
  });

  it('lists streams and pauses and resumes one with a POST carrying X-Requested-By', async () => {
    const streams = await client.streams();
    const acme = streams.find((s) => s.id === GRAYLOG_IDS.acmeStream);
    expect(acme).toMatchObject({
      title: 'ACME - Fortinet',
      disabled: false,
      isEditable: true,
      rules: [expect.objectContaining({ type: 8 })],
    });
    await client.pauseStream(GRAYLOG_IDS.acmeStream);
    expect(lastRequest()).toMatchObject({ method: 'POST', path: `/api/streams/${GRAYLOG_IDS.acmeStream}/pause` });
    expect(lastRequest().headers['x-requested-by']).toBe('CoPilot');
    expect((await client.streams()).find((s) => s.id === GRAYLOG_IDS.acmeStream)?.disabled).toBe(true);
    await client.resumeStream(GRAYLOG_IDS.acmeStream);
    expect(fake.stream(GRAYLOG_IDS.acmeStream)?.['disabled']).toBe(false);
  });

  it('reports an unknown stream as not found, a system stream as bad input, a bad id without calling', async () => {
    await expect(client.pauseStream('65f0aaaaaaaaaaaaaaaaaaaa')).rejects.toThrow(NotFoundError);
    await expect(client.pauseStream(GRAYLOG_IDS.defaultStream)).rejects.toThrow(
      new BadInputError(`Graylog refused to pause stream ${GRAYLOG_IDS.defaultStream}: The stream cannot be paused.`),
    );
    const before = fake.requests.length;
    await expect(client.resumeStream('../system')).rejects.toThrow(BadInputError);
    expect(fake.requests.length).toBe(before);
  });

  it("surfaces a Reader's refused pause as an upstream auth error, not as the caller's own 403", async () => {
    const reader = build('soc-reader', 'r3ader!');
    try {
      await expect(reader.pauseStream(GRAYLOG_IDS.acmeStream)).rejects.toThrow(UpstreamAuthError);
    } finally {
      await reader.close();
    }
  });

  it('lists pipelines and rules, tolerating modified_at: null', async () => {
    const pipelines = await client.pipelines();
    expect(pipelines.map((p) => p.modifiedAt)).toEqual(['2024-04-02T08:31:00.000Z', null]);
    expect(pipelines[0].stages).toEqual([
      { stage: 0, match: 'EITHER', rules: ['Wazuh: normalise rule level', 'Wazuh: tag customer'] },
    ]);
    const rules = await client.pipelineRules();
    expect(rules).toHaveLength(3);
    expect(rules[1]).toMatchObject({
      title: 'Wazuh: tag customer',
      modifiedAt: null,
      source: expect.stringContaining('then'),
    });
  });

  it('pages event definitions, with scheduler state and notification ids', async () => {
    const first = await client.eventDefinitions({ page: 1, perPage: 2 });
    expect(lastRequest().query).toEqual({ page: '1', per_page: '2', query: '' });
    expect(first).toMatchObject({ total: 3, page: 1, perPage: 2, grandTotal: 3 });
    expect(first.items[1]).toMatchObject({
      id: GRAYLOG_EVENT_IDS.bruteForce,
      type: 'aggregation-v1',
      state: 'ENABLED',
      notificationIds: [GRAYLOG_EVENT_IDS.httpNotification, GRAYLOG_EVENT_IDS.emailNotification],
      scheduler: { isScheduled: true, status: 'runnable' },
    });
    const second = await client.eventDefinitions({ page: 2, perPage: 2 });
    expect(second.items.map((d) => [d.title, d.scheduler?.isScheduled])).toEqual([
      ['System notification events', false],
    ]);
    expect((await client.eventDefinitions({ query: 'wazuh' })).items.map((d) => d.priority)).toEqual([3]);
    await expect(client.eventDefinitions({ page: 0 })).rejects.toThrow(BadInputError);
  });

  it('lists notifications with their type', async () => {
    const page = await client.notifications({ perPage: 10 });
    expect(page.items.map((n) => [n.title, n.type])).toEqual([
      ['CoPilot webhook', 'http-notification-v1'],
      ['SOC mailbox', 'email-notification-v1'],
    ]);
  });

  it('searches events over a relative range, with paging and filters', async () => {
    const result = await client.searchEvents({ rangeSeconds: 3 * 3600, perPage: 4 });
    expect(JSON.parse(lastRequest().body)).toMatchObject({
      query: '',
      page: 1,
      per_page: 4,
      timerange: { type: 'relative', range: 10_800 },
    });
    expect(result.totalEvents).toBe(6);
    expect(result.events).toHaveLength(4);
    expect(result.events[0]).toMatchObject({
      alert: true,
      indexName: 'gl-events_0',
      fields: { customer_code: 'ACME' },
    });
    expect(result.eventDefinitionTitles[GRAYLOG_EVENT_IDS.highSeverity]).toBe('Wazuh: high severity alert');
    const onlyAlerts = await client.searchEvents({
      rangeSeconds: 0,
      alerts: 'only',
      eventDefinitionIds: [GRAYLOG_EVENT_IDS.bruteForce],
    });
    expect(onlyAlerts.totalEvents).toBe(3);
    expect(onlyAlerts.events.every((e) => e.eventDefinitionId === GRAYLOG_EVENT_IDS.bruteForce && e.alert)).toBe(true);
    await expect(client.searchEvents({ rangeSeconds: -5 })).rejects.toThrow(BadInputError);
  });

  it('reads one metric (null when unknown) and several at once', async () => {
    expect(await client.metric('org.graylog2.throughput.input.1-sec-interval')).toEqual({
      fullName: 'org.graylog2.throughput.input.1-sec-interval',
      type: 'gauge',
      value: 412,
      count: null,
      rate: null,
    });
    const meter = await client.metric(`org.graylog2.inputs.${GRAYLOG_IDS.syslogInput}.incomingMessages`);
    expect(meter).toMatchObject({ type: 'meter', count: 3_120_004, rate: { oneMinute: 212.4 } });
    expect(await client.metric('org.graylog2.no.such.metric')).toBeNull();
    const many = await client.metrics([
      'org.graylog2.throughput.input',
      'org.graylog2.shared.journal.LocalKafkaJournal.writeTime',
      'nope',
    ]);
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/api/system/metrics/multiple' });
    expect(many.map((m) => [m.fullName, m.type, m.count])).toEqual([
      ['org.graylog2.throughput.input', 'counter', 18_204_551],
      ['org.graylog2.shared.journal.LocalKafkaJournal.writeTime', 'timer', 18_204_551],
    ]);
  });

  it('reads the journal', async () => {
    expect(await client.journal()).toMatchObject({
      enabled: true,
      uncommittedEntries: 1_532,
      sizeLimitBytes: 5_368_709_120,
      directory: '/usr/share/graylog/data/journal',
      maxAgeMs: 43_200_000,
    });
  });

  it('ignores unknown fields, nulls missing optional ones, and names a missing required one', async () => {
    const acme = fake.stream(GRAYLOG_IDS.acmeStream) as Record<string, unknown>;
    const saved = { ...acme };
    try {
      Object.assign(acme, { future_field: { nested: true }, description: undefined, disabled: 'maybe' });
      delete acme['index_set_id'];
      const parsed = (await client.streams()).find((s) => s.id === GRAYLOG_IDS.acmeStream);
      expect(parsed).toMatchObject({ description: null, disabled: null, indexSetId: null, title: 'ACME - Fortinet' });
      delete acme['title'];
      const failure = client.streams();
      await expect(failure).rejects.toThrow(UpstreamFormatError);
      await expect(failure).rejects.toThrow(
        'Graylog: unexpected answer to GET /api/streams: streams[4] has no "title" (is the URL a Graylog server?)',
      );
    } finally {
      for (const key of Object.keys(acme)) delete acme[key];
      Object.assign(acme, saved);
    }
  });
});
