import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { FakeInfluxDB } from '@copilot/testing-fakes';
import { flux, fluxDuration, fluxFloat, FluxFragment, fluxString, fluxTime, fluxValue } from './flux';
import { InfluxDBClient } from './influxdb.client';

describe('Flux literals', () => {
  it('quotes strings per the Flux spec: backslash, double quote and ${ escaped', () => {
    expect(fluxString('plain').text).toBe('"plain"');
    expect(fluxString('say "hi"').text).toBe('"say \\"hi\\""');
    expect(fluxString('C:\\temp').text).toBe('"C:\\\\temp"');
    expect(fluxString('cost ${price}').text).toBe('"cost \\${price}"');
    expect(fluxString('\\${x}').text).toBe('"\\\\\\${x}"');
    expect(fluxString('two\nlines\tand\r').text).toBe('"two\\nlines\\tand\\r"');
    expect(fluxString('').text).toBe('""');
  });

  it('refuses malformed durations and times as bad input', () => {
    expect(fluxDuration('-1h30m').text).toBe('-1h30m');
    expect(fluxDuration('15m').text).toBe('15m');
    expect(() => fluxDuration('-1h) |> drop()')).toThrow(BadInputError);
    expect(() => fluxDuration('')).toThrow(BadInputError);
    expect(fluxTime(new Date('2024-05-01T10:00:00Z')).text).toBe('2024-05-01T10:00:00.000Z');
    expect(fluxTime('2024-05-01T10:00:00+02:00').text).toBe('2024-05-01T10:00:00+02:00');
    expect(() => fluxTime('yesterday')).toThrow(BadInputError);
    expect(() => fluxTime(new Date('nope'))).toThrow(BadInputError);
  });

  it('writes numbers, booleans, arrays and floats as literals', () => {
    expect(fluxValue(5)).toBe('5');
    expect(fluxValue(2.5)).toBe('2.5');
    expect(fluxFloat(90).text).toBe('90.0');
    expect(fluxValue(true)).toBe('true');
    expect(fluxValue(['a', 'b"c'])).toBe('["a", "b\\"c"]');
    expect(() => fluxValue(Number.NaN)).toThrow(BadInputError);
    expect(() => fluxFloat(Number.POSITIVE_INFINITY)).toThrow(BadInputError);
  });

  it('interpolates template values as literals and keeps fragments verbatim', () => {
    const query = flux`from(bucket: ${'telegraf'}) |> range(start: ${fluxDuration('-1h')}) |> limit(n: ${10})`;
    expect(query).toBeInstanceOf(FluxFragment);
    expect(query.text).toBe('from(bucket: "telegraf") |> range(start: -1h) |> limit(n: 10)');
    expect(String(query)).toBe(query.text);
  });
});

describe('Flux injection attempts against FakeInfluxDB', () => {
  let fake: FakeInfluxDB;
  let client: InfluxDBClient;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeInfluxDB.start();
    client = new InfluxDBClient(
      { url: fake.url, token: 'copilot-influx-token', org: 'SOCFortress' },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
  });

  afterAll(async () => {
    await client.close();
    await fake.stop();
  });

  const byHost = (host: string) =>
    flux`from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem" and r.host == ${host})`;

  it('finds the host a user asked for', async () => {
    const result = await client.query(byHost('graylog'));
    expect(result.records.length).toBe(30);
  });

  it('keeps a quote-breaking payload a literal: no rows instead of every host', async () => {
    const payload = 'nobody" or r.host != "nobody';
    const result = await client.query(byHost(payload));
    expect(result.records).toEqual([]);
    const sent = JSON.parse(fake.requests[fake.requests.length - 1].body) as { query: string };
    expect(sent.query).toContain('r.host == "nobody\\" or r.host != \\"nobody"');
    // The same payload pasted raw would have widened the filter to every other host and measurement:
    const unsafe = await client.query(
      `from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem" and r.host == "${payload}")`,
    );
    expect(unsafe.records.length).toBeGreaterThan(90);
  });

  it('keeps pipe and comment payloads, backslashes and interpolation literal', async () => {
    for (const payload of ['x") |> drop(columns: ["_value"]) //', 'trailing\\', '${r._value}', '\\${r._value}']) {
      await expect(client.query(byHost(payload))).resolves.toEqual({ tables: [], records: [] });
    }
    // Unescaped interpolation is code to Flux (refused by the fake), which is why ${ is escaped.
    await expect(
      client.query('from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r.host == "${r._value}")'),
    ).rejects.toThrow(/interpolation/);
  });
});
