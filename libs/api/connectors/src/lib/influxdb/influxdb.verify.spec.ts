import { Logger } from '@nestjs/common';
import { BadInputError, CircuitBreakerRegistry, OutboundHttpFactory } from '@copilot/api-core';
import { captureNestLogs, createTestPki, ScriptedHttpServer } from '@copilot/testing-fakes';
import { FakeInfluxDB } from '@copilot/testing-fakes';
import { InfluxDBClient } from './influxdb.client';
import type { InfluxDBConfig } from './influxdb.types';

const TOKEN = 'influx-T0ken_with-Secret==';

describe('InfluxDBClient.verify', () => {
  let fake: FakeInfluxDB;
  const clients: InfluxDBClient[] = [];

  const verify = async (overrides: Partial<InfluxDBConfig> = {}) => {
    const client = new InfluxDBClient(
      { url: fake.url, token: TOKEN, org: 'SOCFortress', caPem: fake.caPem, timeoutMs: 2_000, ...overrides },
      new OutboundHttpFactory({ breakers: new CircuitBreakerRegistry() }),
    );
    clients.push(client);
    return client.verify();
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    fake = await FakeInfluxDB.start({ tls: true, token: TOKEN });
  });

  afterEach(() => {
    fake.clearFaults();
    fake.setVersion('v2.7.10');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.stop();
  });

  it('succeeds against a healthy InfluxDB with the organization present', async () => {
    expect(await verify()).toEqual({
      ok: true,
      message: `connected to InfluxDB v2.7.10; organization "SOCFortress" (id ${fake.org.id}) found`,
    });
  });

  it('says the server is up but the token was refused', async () => {
    expect(await verify({ token: 'wrong' })).toEqual({
      ok: false,
      message: 'InfluxDB v2.7.10 is up but the API token was refused (HTTP 401): set a valid API key',
    });
  });

  it('says when the configured organization does not exist, and when none is set', async () => {
    expect(await verify({ org: 'ACME' })).toEqual({
      ok: false,
      message:
        'InfluxDB v2.7.10 is up and the token was accepted, but organization "ACME" does not exist or the token may not read it (check INFLUXDB_ORG)',
    });
    expect(await verify({ org: '  ' })).toEqual({
      ok: false,
      message: 'InfluxDB v2.7.10 is up and the token was accepted, but no organization is set: set INFLUXDB_ORG',
    });
  });

  it('never chokes on an odd or missing version', async () => {
    fake.setVersion('2.8.0-nightly+abc');
    expect((await verify()).message).toMatch(/^connected to InfluxDB 2\.8\.0-nightly\+abc;/);
    fake.setVersion(null);
    expect((await verify()).message).toMatch(/^connected to InfluxDB \(version not reported\);/);
  });

  it('says connection refused for a port nobody listens on', async () => {
    const gone = await new ScriptedHttpServer(() => ({ status: 204 })).start();
    const url = gone.url;
    await gone.stop();
    const result = await verify({ url });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^InfluxDB: connection refused by 127\.0\.0\.1:\d+ \(is the service running and the port right\?\)$/,
      ),
    });
  });

  it('says to set a CA file for a certificate it cannot trust', async () => {
    expect((await verify({ caPem: undefined })).message).toContain(
      'InfluxDB: certificate signed by unknown authority (set a CA file)',
    );
    expect((await verify({ caPem: createTestPki({ caName: 'Other CA' }).caPem })).ok).toBe(false);
  });

  it('explains an HTML page answered instead of InfluxDB', async () => {
    fake.injectFault({ kind: 'html' }, { path: '/ping' });
    expect(await verify()).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^InfluxDB: expected InfluxDB's answer to GET \/ping, got an HTML page \(a proxy or login page\?\): <!DOCTYPE html>/,
      ),
    });
    fake.injectFault({ kind: 'html' }, { path: '/api/v2/orgs' });
    expect((await verify()).message).toMatch(/^InfluxDB: expected JSON from InfluxDB, got text\/html/);
  });

  it('explains garbage JSON and JSON that is not InfluxDB', async () => {
    fake.injectFault({ kind: 'garbage' }, { path: '/api/v2/orgs' });
    expect((await verify()).message).toMatch(/^InfluxDB: invalid JSON from InfluxDB \(application\/json\): /);
    fake.injectFault(
      { kind: 'status', status: 200, body: '{"hello":"world"}', contentType: 'application/json' },
      { path: '/api/v2/orgs' },
    );
    expect((await verify()).message).toBe(
      'InfluxDB: unexpected answer to GET /api/v2/orgs: no orgs array (is the URL an InfluxDB 2 server?)',
    );
  });

  it('gives up on a slow InfluxDB at the timeout and says so', async () => {
    fake.injectFault({ kind: 'delay', ms: 10_000 }, { path: '/ping' });
    const started = Date.now();
    const result = await verify({ timeoutMs: 300 });
    // Long before the answer would come; the bound is wide because this machine may be busy.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.message).toMatch(/^InfluxDB: timed out after 300 ms waiting for 127\.0\.0\.1:\d+$/);
  });

  it('says which status a failing InfluxDB answered', async () => {
    fake.injectFault(
      {
        kind: 'status',
        status: 503,
        body: '{"code":"unavailable","message":"engine is starting"}',
        contentType: 'application/json',
      },
      { path: '/api/v2/orgs', times: 5 },
    );
    expect((await verify()).message).toBe('InfluxDB: HTTP 503 from GET /api/v2/orgs: engine is starting');
  });

  it('blames a proxy when /ping itself asks for credentials', async () => {
    fake.injectFault({ kind: 'unauthorized' }, { path: '/ping' });
    expect((await verify()).message).toBe(
      'InfluxDB answered GET /ping with HTTP 401: a proxy in front of it may require other credentials',
    );
  });

  it('refuses a link-local URL by the address policy and a non-http URL as bad input', async () => {
    expect((await verify({ url: 'http://169.254.169.254:8086' })).message).toContain(
      '169.254.169.254 is a cloud-metadata address; refused by the address policy',
    );
    expect(() => new InfluxDBClient({ url: 'ftp://influx:21', token: 't' }, new OutboundHttpFactory())).toThrow(
      BadInputError,
    );
  });

  it('accepts a token pasted with a trailing newline and refuses one with control characters inside', async () => {
    expect((await verify({ token: `${TOKEN}\n` })).ok).toBe(true);
    expect(() => new InfluxDBClient({ url: fake.url, token: 'ab\ncd' }, new OutboundHttpFactory())).toThrow(
      BadInputError,
    );
  });

  it('never logs the token, even at debug level', async () => {
    const logs = captureNestLogs();
    try {
      await verify();
      await verify({ token: `${TOKEN}-old` });
      expect(logs.entries.some((e) => e.level === 'debug' && e.message.includes('/api/v2/orgs'))).toBe(true);
      expect(logs.text()).not.toContain(TOKEN);
      expect(logs.text()).not.toContain('T0ken_with');
    } finally {
      logs.restore();
    }
  });
});
