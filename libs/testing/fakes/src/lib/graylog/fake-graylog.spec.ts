import { FakeGraylog } from './fake-graylog';
import { IDS } from './graylog-seed';
import { EVENT_IDS } from './graylog-seed-processing';

type Json = Record<string, unknown>;

describe('FakeGraylog (plain HTTP, driven with fetch)', () => {
  let fake: FakeGraylog;
  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const admin = basic('admin', 'admin');

  const call = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: admin,
        'x-requested-by': 'spec',
        'content-type': 'application/json',
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // not JSON: left empty, the test looks at text
    }
    return { status: response.status, text, json, headers: response.headers };
  };

  beforeEach(async () => {
    fake = await FakeGraylog.start({
      users: [{ username: 'analyst', password: 'reader-pass' }],
      tokens: { '1a2b3c4d5e6f7g8h9i0j': 'analyst' },
    });
  });

  afterEach(() => fake.stop());

  it('answers 401 with the Graylog Basic challenge and an empty body, and no challenge to browsers', async () => {
    const anonymous = await fetch(`${fake.url}/api/system`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Graylog Server"');
    expect(await anonymous.text()).toBe('');
    const browser = await fetch(`${fake.url}/api/system`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    expect(browser.status).toBe(401);
    expect(browser.headers.get('www-authenticate')).toBeNull();
  });

  it('accepts a password or an access token, and refuses old ones after a change', async () => {
    expect((await call('GET', '/api/system')).status).toBe(200);
    const viaToken = await call('GET', '/api/system/sessions', {
      headers: { authorization: basic('1a2b3c4d5e6f7g8h9i0j', 'token') },
    });
    expect(viaToken.json).toEqual({ is_valid: false, session_id: null, username: 'analyst' });
    fake.revokeToken('1a2b3c4d5e6f7g8h9i0j');
    expect(
      (await call('GET', '/api/system', { headers: { authorization: basic('1a2b3c4d5e6f7g8h9i0j', 'token') } })).status,
    ).toBe(401);
    fake.setPassword('admin', 'rotated');
    expect((await call('GET', '/api/system')).status).toBe(401);
  });

  it('refuses a non-GET call without X-Requested-By, as the CSRF filter does', async () => {
    const response = await fetch(`${fake.url}/api/streams/${IDS.acmeStream}/pause`, {
      method: 'POST',
      headers: { authorization: admin },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'ApiError',
      message: 'CSRF protection header is missing. Please add a "X-Requested-By" header to your request.',
    });
    expect(fake.stream(IDS.acmeStream)?.['disabled']).toBe(false);
  });

  it('reports the system overview with any version string', async () => {
    fake.setVersion('7.0.0-SNAPSHOT');
    const system = await call('GET', '/api/system');
    expect(system.json).toMatchObject({
      version: '7.0.0-SNAPSHOT',
      lifecycle: 'running',
      is_processing: true,
      facility: 'graylog-server',
    });
    expect(system.headers.get('x-graylog-node-id')).toBe(system.json['node_id']);
  });

  it("lists a user's roles, and only an admin may read another user's", async () => {
    const roles = await call('GET', '/api/authz/roles/user/admin');
    expect(roles.json).toMatchObject({ total: 1, page: 1, per_page: 50, count: 1 });
    expect((roles.json['roles'] as Json[]).map((r) => r['name'])).toEqual(['Admin']);
    const reader = { authorization: basic('analyst', 'reader-pass') };
    expect((await call('GET', '/api/authz/roles/user/analyst', { headers: reader })).status).toBe(200);
    expect((await call('GET', '/api/authz/roles/user/admin', { headers: reader })).status).toBe(403);
    expect((await call('GET', '/api/users/nobody')).status).toBe(404);
  });

  it('pauses and resumes a stream with 204, refusing system streams, readers and unknown ids', async () => {
    expect((await call('POST', `/api/streams/${IDS.acmeStream}/pause`)).status).toBe(204);
    expect(fake.stream(IDS.acmeStream)?.['disabled']).toBe(true);
    expect((await call('POST', `/api/streams/${IDS.acmeStream}/resume`)).status).toBe(204);
    expect(fake.stream(IDS.acmeStream)?.['disabled']).toBe(false);
    const system = await call('POST', `/api/streams/${IDS.defaultStream}/pause`);
    expect(system).toMatchObject({ status: 400, json: { type: 'ApiError', message: 'The stream cannot be paused.' } });
    expect((await call('POST', '/api/streams/65f0aaaaaaaaaaaaaaaaaaaa/pause')).status).toBe(404);
    const reader = { authorization: basic('analyst', 'reader-pass') };
    expect((await call('POST', `/api/streams/${IDS.acmeStream}/pause`, { headers: reader })).status).toBe(403);
  });

  it('pages event definitions and filters them by title, with scheduler context', async () => {
    const first = await call('GET', '/api/events/definitions?page=1&per_page=2');
    expect(first.json).toMatchObject({ total: 3, count: 2, page: 1, per_page: 2, grand_total: 3 });
    const scheduler = (first.json['context'] as Json)['scheduler'] as Json;
    expect(scheduler[EVENT_IDS.highSeverity]).toMatchObject({ is_scheduled: true });
    const second = await call('GET', '/api/events/definitions?page=2&per_page=2');
    expect((second.json['event_definitions'] as Json[]).map((d) => d['id'])).toEqual([EVENT_IDS.systemNotifications]);
    const filtered = await call('GET', '/api/events/definitions?query=brute');
    expect((filtered.json['event_definitions'] as Json[]).map((d) => d['title'])).toEqual(['SSH brute force']);
  });

  it('searches events by relative range, query, alert filter and page', async () => {
    const body = { query: '', page: 1, per_page: 5, timerange: { type: 'relative', range: 3 * 3600 } };
    const result = await call('POST', '/api/events/search', { body });
    expect(result.json['total_events']).toBe(6);
    const events = (result.json['events'] as Json[]).map((e) => e['event'] as Json);
    expect(events).toHaveLength(5);
    expect(Date.parse(String(events[0]['timestamp']))).toBeGreaterThan(Date.parse(String(events[4]['timestamp'])));
    const onlyAlerts = await call('POST', '/api/events/search', { body: { ...body, filter: { alerts: 'only' } } });
    expect(onlyAlerts.json['total_events']).toBe(5);
    const byCustomer = await call('POST', '/api/events/search', {
      body: { ...body, query: 'fields.customer_code:GLOBEX' },
    });
    expect(byCustomer.json['total_events']).toBe(3);
    const bad = await call('POST', '/api/events/search', {
      body: { ...body, timerange: { type: 'keyword', keyword: 'today' } },
    });
    expect(bad.status).toBe(400);
  });

  it('answers a metric in the MetricsModule shape, several in the MetricUtils shape, and 404 for unknown ones', async () => {
    const gauge = await call('GET', '/api/system/metrics/org.graylog2.throughput.input.1-sec-interval');
    expect(gauge.json).toEqual({ value: 412 });
    const missing = await call('GET', '/api/system/metrics/org.graylog2.nope');
    expect(missing).toMatchObject({
      status: 404,
      json: { message: 'I do not have a metric called [org.graylog2.nope].' },
    });
    const many = await call('POST', '/api/system/metrics/multiple', {
      body: { metrics: ['org.graylog2.throughput.input', 'org.graylog2.nope'] },
    });
    expect(many.json).toEqual({
      total: 1,
      metrics: [
        { full_name: 'org.graylog2.throughput.input', name: 'input', type: 'counter', metric: { count: 18_204_551 } },
      ],
    });
  });

  it('serves its web interface outside /api and 404s unknown API paths', async () => {
    const web = await fetch(`${fake.url}/`);
    expect(web.headers.get('content-type')).toContain('text/html');
    expect((await call('GET', '/api/nothing/here')).json).toEqual({ type: 'ApiError', message: 'HTTP 404 Not Found' });
  });
});
