import { FakeInfluxDB } from './fake-influxdb';

describe('FakeInfluxDB (plain HTTP, driven with fetch)', () => {
  let fake: FakeInfluxDB;
  const auth = { authorization: 'Token copilot-influx-token' };

  const query = (script: string, org = 'SOCFortress', json = false) =>
    fetch(`${fake.url}/api/v2/query?org=${encodeURIComponent(org)}`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': json ? 'application/json' : 'application/vnd.flux',
        accept: 'application/csv',
      },
      body: json
        ? JSON.stringify({ query: script, type: 'flux', dialect: { annotations: ['datatype', 'group', 'default'] } })
        : script,
    });

  beforeAll(async () => {
    fake = await FakeInfluxDB.start();
  });

  afterAll(() => fake.stop());

  it('answers /ping with 204 and version headers, without a token', async () => {
    const response = await fetch(`${fake.url}/ping`);
    expect(response.status).toBe(204);
    expect(response.headers.get('x-influxdb-version')).toBe('v2.7.10');
    expect(response.headers.get('x-influxdb-build')).toBe('OSS');
  });

  it('refuses API calls without the token, in the v2 error envelope', async () => {
    const response = await fetch(`${fake.url}/api/v2/orgs`, { headers: { authorization: 'Token nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'unauthorized', message: 'unauthorized access' });
  });

  it('filters organizations by name and says when one does not exist', async () => {
    const found = await fetch(`${fake.url}/api/v2/orgs?org=SOCFortress`, { headers: auth });
    expect(((await found.json()) as { orgs: Array<{ name: string }> }).orgs.map((o) => o.name)).toEqual([
      'SOCFortress',
    ]);
    const missing = await fetch(`${fake.url}/api/v2/orgs?org=ACME`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'not found', message: 'organization name "ACME" not found' });
  });

  it('answers raw Flux with unannotated CSV and JSON with a dialect with annotated CSV', async () => {
    const script =
      'from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem") |> last()';
    const raw = await (await query(script)).text();
    expect(raw.split('\r\n')[0]).toBe(',result,table,_start,_stop,_time,_value,_field,_measurement,host');
    expect(raw).not.toContain('#datatype');
    const annotated = await (await query(script, 'SOCFortress', true)).text();
    const lines = annotated.split('\r\n');
    expect(lines[0]).toBe('#group,false,false,true,true,false,false,true,true,true');
    expect(lines[1]).toBe(
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
    );
    expect(lines[2]).toBe('#default,_result,,,,,,,,');
    expect(lines.filter((l) => l.startsWith(',,'))).toHaveLength(3);
  });

  it('reports compile errors, unknown buckets and unbounded reads like InfluxDB', async () => {
    const compile = await query('frm(bucket: "telegraf")');
    expect(compile.status).toBe(400);
    expect(await compile.json()).toEqual({
      code: 'invalid',
      message: expect.stringContaining('undefined identifier frm'),
    });
    const bucket = await query('from(bucket: "nope") |> range(start: -1h)');
    expect(bucket.status).toBe(404);
    const unbounded = await query('from(bucket: "telegraf")');
    expect(((await unbounded.json()) as { message: string }).message).toContain('cannot submit unbounded read');
  });

  it('reads string literals by the Flux escapes and refuses unescaped interpolation', async () => {
    const escaped = await query('from(bucket: "tele\\"graf\\${x}") |> range(start: -1h)');
    expect(((await escaped.json()) as { message: string }).message).toBe(
      'failed to initialize execute state: could not find bucket "tele"graf${x}"',
    );
    const interpolated = await query('from(bucket: "${v.bucket}") |> range(start: -1h)');
    expect(((await interpolated.json()) as { message: string }).message).toContain('interpolation');
  });

  it('returns an empty body for an empty result and an error table after partial results', async () => {
    const empty = await query('from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r.host == "none")');
    expect(await empty.text()).toBe('\r\n');
    fake.failNextQueryMidStream('runtime error: out of memory');
    const partial = await (await query('from(bucket: "telegraf") |> range(start: -1h)', 'SOCFortress', true)).text();
    expect(partial).toContain('\r\n\r\n#datatype,string,long\r\n,error,reference\r\n,runtime error: out of memory,897');
  });

  it('lists checks of an organization and gets one by id', async () => {
    const list = await fetch(`${fake.url}/api/v2/checks?orgID=${fake.org.id}`, { headers: auth });
    const { checks } = (await list.json()) as { checks: Array<{ id: string; name: string; type: string }> };
    expect(checks.map((c) => [c.name, c.type])).toEqual([
      ['CPU Usage', 'threshold'],
      ['Agent Heartbeat', 'deadman'],
    ]);
    const one = await fetch(`${fake.url}/api/v2/checks/${checks[0].id}`, { headers: auth });
    expect(((await one.json()) as { name: string }).name).toBe('CPU Usage');
    const missing = await fetch(`${fake.url}/api/v2/checks/0000000000000000`, { headers: auth });
    expect(await missing.json()).toEqual({ code: 'not found', message: 'check not found' });
  });
});
