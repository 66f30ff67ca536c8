import { FakeWazuhManager } from './fake-wazuh-manager';

type Json = Record<string, unknown>;
interface Envelope {
  data: { affected_items: Json[]; total_affected_items: number; total_failed_items: number; failed_items: Json[] };
  message: string;
  error: number;
}

describe('FakeWazuhManager (plain HTTP, driven with fetch)', () => {
  let fake: FakeWazuhManager;
  const basic = `Basic ${Buffer.from('wazuh-wui:S3cret!').toString('base64')}`;

  const login = async (authorization = basic) => {
    const response = await fetch(`${fake.url}/security/user/authenticate`, {
      method: 'POST',
      headers: { authorization },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Json,
    };
  };
  const token = async () => ((await login()).body['data'] as Json)['token'] as string;
  const call = async (method: string, path: string, bearer?: string, body?: unknown, type = 'application/json') => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': type },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json & Envelope };
  };

  beforeEach(async () => {
    fake = await FakeWazuhManager.start({ password: 'S3cret!', maxLoginAttempts: 3 });
  });
  afterEach(() => fake.stop());

  it('issues an ES512 JWT for Basic credentials and refuses wrong ones as a problem document', async () => {
    const ok = await login();
    expect(ok).toMatchObject({ status: 200, body: { error: 0 } });
    const jwt = ((ok.body['data'] as Json)['token'] as string).split('.');
    expect(JSON.parse(Buffer.from(jwt[0], 'base64url').toString())).toEqual({ alg: 'ES512', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(jwt[1], 'base64url').toString()) as Json;
    expect(claims).toMatchObject({ iss: 'wazuh', aud: 'Wazuh API REST', sub: 'wazuh-wui' });
    expect(Number(claims['exp']) - Number(claims['nbf'])).toBe(900);

    const wrong = await login(`Basic ${Buffer.from('wazuh-wui:nope').toString('base64')}`);
    expect(wrong).toMatchObject({ status: 401, body: { title: 'Unauthorized', detail: 'Invalid credentials' } });
    expect(wrong.type).toContain('application/problem+json');
  });

  it('blocks the address after too many failed logins', async () => {
    const bad = `Basic ${Buffer.from('x:y').toString('base64')}`;
    for (let i = 0; i < 3; i++) expect((await login(bad)).status).toBe(401);
    expect(await login()).toMatchObject({ status: 403, body: { title: 'Permission Denied' } });
    fake.resetLoginBlock();
    expect((await login()).status).toBe(200);
  });

  it('wants a live bearer token on every other endpoint', async () => {
    expect((await call('GET', '/')).body).toEqual({ title: 'Unauthorized', detail: 'No authorization token provided' });
    expect((await call('GET', '/', 'forged.token.here')).status).toBe(401);
    const jwt = await token();
    expect((await call('GET', '/', jwt)).body['data']).toMatchObject({
      title: 'Wazuh API REST',
      api_version: '4.14.7',
    });
    fake.advanceClock(901_000);
    expect((await call('GET', '/', jwt)).body).toMatchObject({ detail: 'Token expired' });
    const fresh = await token();
    fake.revokeTokens();
    expect((await call('GET', '/', fresh)).body).toMatchObject({ detail: 'Invalid token' });
  });

  it('pages, sorts, searches and selects agents, and reports unknown ids as failed items', async () => {
    const jwt = await token();
    const page = await call('GET', '/agents?offset=0&limit=10', jwt);
    expect(page.body.data.total_affected_items).toBe(26);
    expect(page.body.data.affected_items.map((a) => a['id'])).toEqual([
      '000',
      '001',
      '002',
      '003',
      '004',
      '005',
      '006',
      '007',
      '008',
      '009',
    ]);
    const last = await call('GET', '/agents?offset=20&limit=10&select=name,status', jwt);
    expect(last.body.data.affected_items).toHaveLength(6);
    expect(Object.keys(last.body.data.affected_items[0]).sort()).toEqual(['id', 'name', 'status']);
    const active = await call('GET', '/agents?status=active&search=acme&sort=-name', jwt);
    const names = active.body.data.affected_items.map((a) => String(a['name']));
    expect(names.every((name) => name.includes('acme'))).toBe(true);
    expect([...names].sort().reverse()).toEqual(names);

    const some = await call('GET', '/agents?agents_list=001,999', jwt);
    expect(some.body).toMatchObject({ error: 2, message: 'Some agents information was not returned' });
    expect(some.body.data.failed_items).toEqual([
      { error: expect.objectContaining({ code: 1701, message: 'Agent does not exist' }), id: ['999'] },
    ]);
    expect((await call('GET', '/agents?limit=0', jwt)).status).toBe(400);
  });

  it('deletes only agents matching status and older_than, never the manager', async () => {
    const jwt = await token();
    const kept = await call('DELETE', '/agents?agents_list=000,001,003&status=all', jwt);
    // 001 is active and reported seconds ago: not older than the default 7d.
    expect(kept.body.data.affected_items).toEqual(['003']);
    expect(kept.body.data.failed_items.map((f) => (f['error'] as Json)['code'])).toEqual([1703, 1731]);
    const gone = await call('DELETE', '/agents?agents_list=001&status=all&older_than=0s', jwt);
    expect(gone.body).toMatchObject({ error: 0, message: 'All selected agents were deleted' });
    expect(fake.agent('001')).toBeUndefined();
    expect((await call('DELETE', '/agents?agents_list=002', jwt)).status).toBe(400);
  });

  it('creates upgrade tasks for eligible agents only', async () => {
    const jwt = await token();
    const result = await call('PUT', '/agents/upgrade?agents_list=000,001,002,003', jwt);
    // 001 runs 4.7.5 and is active, 002 runs 4.14.7 already, 003 is disconnected.
    expect(result.body.data.affected_items).toEqual([{ agent: '001', task_id: 1 }]);
    expect(result.body.data.failed_items.map((f) => (f['error'] as Json)['code'])).toEqual([1703, 1707, 1819]);
    expect((await call('PUT', '/agents/upgrade?agents_list=001&upgrade_version=9.0.0', jwt)).status).toBe(400);
  });

  it('runs active response only with a JSON body, and records it', async () => {
    const jwt = await token();
    const body = {
      command: '!firewall-drop',
      arguments: ['-srcip', '203.0.113.9'],
      alert: { data: { srcip: '203.0.113.9' } },
    };
    const form = await call('PUT', '/active-response?agents_list=001', jwt, body, 'application/x-www-form-urlencoded');
    expect(form).toMatchObject({ status: 406, body: { error: 6002 } });
    const sent = await call('PUT', '/active-response?agents_list=001,003', jwt, body);
    expect(sent.body).toMatchObject({ error: 2, message: 'AR command was not sent to some agents' });
    expect(fake.activeResponses).toEqual([expect.objectContaining({ agents: ['001'], command: '!firewall-drop' })]);
  });

  it('serves groups, SCA, packages, rules, restart and cluster status', async () => {
    const jwt = await token();
    const groups = await call('GET', '/groups', jwt);
    expect(groups.body.data.affected_items.map((g) => g['name'])).toEqual([
      'default',
      'dmz',
      'linux_acme',
      'linux_globex',
      'windows_acme',
      'windows_globex',
    ]);
    expect((await call('GET', '/groups/nope/agents', jwt)).body).toMatchObject({
      title: 'Resource Not Found',
      error: 1710,
    });
    const members = await call('GET', '/groups/dmz/agents', jwt);
    expect(members.body.data.affected_items.map((a) => a['id'])).toEqual(['005', '010', '015', '020', '025']);

    const sca = await call('GET', '/sca/001', jwt);
    const policy = sca.body.data.affected_items[0];
    const checks = await call('GET', `/sca/001/checks/${String(policy['policy_id'])}?result=failed`, jwt);
    expect(checks.body.data.total_affected_items).toBe(policy['fail']);
    expect((await call('GET', '/sca/999', jwt)).body).toMatchObject({
      error: 1,
      message: 'No SCA information was returned',
    });
    expect((await call('GET', '/syscollector/009/packages?name=curl', jwt)).body.data.affected_items).toHaveLength(1);

    const rules = await call('GET', '/rules?level=10-15&limit=5', jwt);
    expect(rules.body.data.affected_items.every((r) => Number(r['level']) >= 10)).toBe(true);

    expect((await call('PUT', '/manager/restart', jwt)).status).toBe(202);
    expect(fake.restartRequests).toBe(1);
    fake.setCluster(false, false);
    expect((await call('GET', '/cluster/status', jwt)).body).toEqual({
      data: { enabled: 'no', running: 'no' },
      error: 0,
    });
  });
});
