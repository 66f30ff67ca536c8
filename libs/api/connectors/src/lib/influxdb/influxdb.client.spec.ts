import { Logger } from '@nestjs/common';
import {
  BadInputError,
  CircuitBreakerRegistry,
  OutboundHttpFactory,
  ServiceUnavailableError,
  UpstreamAuthError,
  UpstreamFormatError,
} from '@copilot/api-core';
import { captureNestLogs } from '@copilot/testing-fakes';
import { FakeInfluxDB } from '@copilot/testing-fakes';
import { flux, fluxDuration } from './flux';
import { FluxQueryError } from './flux-csv';
import { InfluxDBClient } from './influxdb.client';

const TOKEN = 'copilot-influx-token-s3cret';

describe('InfluxDBClient against FakeInfluxDB over HTTPS', () => {
  let fake: FakeInfluxDB;
  let client: InfluxDBClient;
  const outbound = new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeInfluxDB.start({ tls: true, token: TOKEN });
    client = new InfluxDBClient(
      { url: fake.url, token: TOKEN, org: 'SOCFortress', bucket: 'telegraf', caPem: fake.caPem },
      outbound,
    );
  });

  afterEach(() => fake.clearFaults());

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  it('sends the token as `Token`, JSON with the annotation dialect, and asks for CSV', async () => {
    await client.query('buckets()');
    const last = fake.requests[fake.requests.length - 1];
    expect(last.headers['authorization']).toBe(`Token ${TOKEN}`);
    expect(last.headers['accept']).toBe('application/csv');
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.query).toEqual({ org: 'SOCFortress' });
    expect(JSON.parse(last.body)).toMatchObject({
      type: 'flux',
      dialect: { annotations: ['datatype', 'group', 'default'] },
    });
  });

  it('runs a Flux query into typed tables, one per series', async () => {
    const result = await client.query(
      flux`from(bucket: ${client.bucket ?? ''}) |> range(start: ${fluxDuration('-1h')}) |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user") |> last()`,
    );
    expect(result.tables.map((t) => t.records[0]['host']).sort()).toEqual([
      'graylog',
      'wazuh-indexer-1',
      'wazuh-manager',
    ]);
    const record = result.records.find((r) => r['host'] === 'graylog');
    expect(record).toMatchObject({ result: '_result', _measurement: 'cpu', _field: 'usage_user', cpu: 'cpu-total' });
    expect(typeof record?.['_value']).toBe('number');
    expect(record?.['_time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(result.tables[0].columns.find((c) => c.name === '_value')).toMatchObject({
      datatype: 'double',
      group: false,
    });
  });

  it('reads blocks of different schemas, long values and string messages with commas and quotes', async () => {
    const statuses = await client.query(
      'from(bucket: "_monitoring") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "statuses" and r._level == "crit")',
    );
    expect(statuses.records[0]['_value']).toBe('Check: CPU Usage is: crit, "usage_user" at 92.5% on graylog');
    const mixed = await client.query(
      'from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r.host == "graylog" and (r._measurement == "mem" or r._measurement == "system")) |> last()',
    );
    expect(mixed.records.map((r) => [r['_field'], typeof r['_value']])).toEqual([
      ['n_users', 'number'],
      ['used_percent', 'number'],
    ]);
    expect(mixed.tables.map((t) => t.columns.find((c) => c.name === '_value')?.datatype)).toEqual(['long', 'double']);
  });

  it('answers an empty result and honours yield names', async () => {
    expect(
      await client.query('from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r.host == "x")'),
    ).toEqual({
      tables: [],
      records: [],
    });
    const named = await client.query('buckets() |> yield(name: "all")');
    expect(named.records.map((r) => r['name'])).toEqual(['telegraf', '_monitoring', '_tasks']);
    expect(named.tables[0].result).toBe('all');
  });

  it('turns a script InfluxDB rejects into bad input naming the query', async () => {
    const compile = client.query('from(bucket: "telegraf") |> rnge(start: -1h)');
    await expect(compile).rejects.toBeInstanceOf(BadInputError);
    await expect(compile).rejects.toThrow('InfluxDB rejected the Flux query (invalid): compilation failed: error @');
    await expect(client.query('from(bucket: "nope") |> range(start: -1h)')).rejects.toThrow(
      'InfluxDB rejected the Flux query (not found): failed to initialize execute state: could not find bucket "nope"',
    );
    await expect(client.query('  ')).rejects.toBeInstanceOf(BadInputError);
  });

  it('says when the organization is missing or unknown', async () => {
    await expect(client.query('buckets()', { org: 'ACME' })).rejects.toThrow(
      new ServiceUnavailableError('InfluxDB', 'organization "ACME" does not exist (check INFLUXDB_ORG)'),
    );
    const orgless = new InfluxDBClient({ url: fake.url, token: TOKEN, caPem: fake.caPem }, outbound);
    await expect(orgless.query('buckets()')).rejects.toThrow('InfluxDB: no organization is set: set INFLUXDB_ORG');
    await orgless.close();
  });

  it('throws the error a query reports after partial results', async () => {
    fake.failNextQueryMidStream('runtime error: unsupported aggregate column type string');
    const attempt = client.query('from(bucket: "telegraf") |> range(start: -1h)');
    await expect(attempt).rejects.toBeInstanceOf(FluxQueryError);
    await expect(attempt).rejects.toThrow(
      'InfluxDB: query failed: runtime error: unsupported aggregate column type string (reference 897)',
    );
  });

  it('refuses a query answer that is not CSV', async () => {
    fake.injectFault(
      { kind: 'status', status: 200, body: '{"results":[]}', contentType: 'application/json' },
      { path: '/api/v2/query' },
    );
    await expect(client.query('buckets()')).rejects.toThrow(
      new UpstreamFormatError('InfluxDB', 'expected CSV from InfluxDB, got application/json: {"results":[]}'),
    );
  });

  it('lists checks of the configured organization and gets one by id', async () => {
    const checks = await client.listChecks();
    expect(checks.map((c) => [c.name, c.type, c.status])).toEqual([
      ['CPU Usage', 'threshold', 'active'],
      ['Agent Heartbeat', 'deadman', 'active'],
    ]);
    expect(checks[0].thresholds).toEqual([
      { type: 'greater', level: 'CRIT', value: 90, min: null, max: null },
      { type: 'greater', level: 'WARN', value: 75, min: null, max: null },
    ]);
    expect(checks[0].query).toContain('from(bucket: "telegraf")');
    expect(fake.requests.filter((r) => r.path === '/api/v2/orgs')).toHaveLength(1);
    await client.listChecks();
    expect(fake.requests.filter((r) => r.path === '/api/v2/orgs')).toHaveLength(1);
    expect((await client.getCheck(checks[1].id))?.every).toBe('1m');
    expect(await client.getCheck('0123456789abcdef')).toBeNull();
    await expect(client.getCheck('../orgs')).rejects.toBeInstanceOf(BadInputError);
  });

  it('retries a transient 5xx on a query', async () => {
    fake.injectFault(
      { kind: 'status', status: 503, body: '{"code":"unavailable","message":"busy"}' },
      { path: '/api/v2/query' },
    );
    expect((await client.query('buckets()')).records).toHaveLength(3);
  });

  it('turns a token revoked mid-session into an auth error, without logging either token', async () => {
    const logs = captureNestLogs();
    fake.setToken('rotated-token-value');
    try {
      await expect(client.query('buckets()')).rejects.toBeInstanceOf(UpstreamAuthError);
      await expect(client.listChecks({ orgID: fake.org.id })).rejects.toThrow(
        'wrong credentials (HTTP 401 from GET /api/v2/checks)',
      );
      expect(logs.text()).toContain('POST');
      expect(logs.text()).not.toContain(TOKEN);
    } finally {
      fake.setToken(TOKEN);
      logs.restore();
      Logger.overrideLogger(['error']);
    }
    expect((await client.query('buckets()')).records).toHaveLength(3);
  });
});
