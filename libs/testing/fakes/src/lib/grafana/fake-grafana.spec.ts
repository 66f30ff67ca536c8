import { FakeGrafana } from './fake-grafana';

type Json = Record<string, unknown>;

describe('FakeGrafana (plain HTTP, driven with fetch)', () => {
  let fake: FakeGrafana;
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  const call = async (method: string, path: string, authorization?: string, body?: unknown, orgId?: number) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers['authorization'] = authorization;
    if (orgId !== undefined) headers['x-grafana-org-id'] = String(orgId);
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Json };
  };

  beforeAll(async () => {
    fake = await FakeGrafana.start();
    fake.addServiceAccountToken('glsa_acme', 2, 'Admin');
  });

  afterAll(() => fake.stop());

  it('answers /api/health without credentials, and 503 while the database fails', async () => {
    expect(await call('GET', '/api/health')).toEqual({
      status: 200,
      json: { commit: expect.any(String), database: 'ok', version: '11.3.1' },
    });
    fake.setDatabaseOk(false);
    expect((await call('GET', '/api/health')).status).toBe(503);
    fake.setDatabaseOk(true);
  });

  it('answers authn failures with the errutil body', async () => {
    expect(await call('GET', '/api/org')).toEqual({
      status: 401,
      json: { message: 'Unauthorized', messageId: 'auth.unauthorized', statusCode: 401, traceID: '' },
    });
    expect((await call('GET', '/api/org', basic('admin', 'nope'))).json['messageId']).toBe('password-auth.failed');
    expect((await call('GET', '/api/org', 'Bearer glsa_unknown')).json['message']).toBe('Invalid API key');
  });

  it('scopes a token to its organization and switches a user by X-Grafana-Org-Id', async () => {
    expect((await call('GET', '/api/org', 'Bearer glsa_acme')).json).toEqual({ id: 2, name: 'ACME' });
    expect((await call('GET', '/api/org', 'Bearer glsa_acme', undefined, 1)).json['messageId']).toBe(
      'api-key.organization-mismatch',
    );
    expect((await call('GET', '/api/org', basic('admin', 'admin'), undefined, 2)).json).toEqual({
      id: 2,
      name: 'ACME',
    });
    expect((await call('GET', '/api/org', basic('analyst', 'analyst-pass'), undefined, 2)).status).toBe(401);
  });

  it('keeps the admin organizations API to server admins with Basic auth', async () => {
    expect((await call('GET', '/api/orgs', basic('admin', 'admin'))).json).toEqual([
      { id: 1, name: 'Main Org.' },
      { id: 2, name: 'ACME' },
    ]);
    const denied = await call('GET', '/api/orgs', 'Bearer glsa_acme');
    expect(denied).toEqual({ status: 403, json: expect.objectContaining({ title: 'Access denied' }) });
    expect(await call('POST', '/api/orgs', basic('admin', 'admin'), { name: 'acme' })).toEqual({
      status: 409,
      json: { message: 'Organization name taken' },
    });
  });

  it('never returns data source secrets', async () => {
    const created = await call('POST', '/api/datasources', 'Bearer glsa_acme', {
      name: 'Loki',
      type: 'loki',
      url: 'http://loki:3100',
      secureJsonData: { httpHeaderValue1: 'Bearer abc' },
    });
    expect(created.json['message']).toBe('Datasource added');
    expect(JSON.stringify(created.json)).not.toContain('Bearer abc');
    expect((created.json['datasource'] as Json)['secureJsonFields']).toEqual({ httpHeaderValue1: true });
  });
});
