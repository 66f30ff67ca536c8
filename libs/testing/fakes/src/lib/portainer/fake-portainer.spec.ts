import { FakePortainer } from './fake-portainer';

type Json = Record<string, unknown>;

describe('FakePortainer (plain HTTP, driven with fetch)', () => {
  let fake: FakePortainer;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Json & Json[] };
  };
  const login = async () => {
    const { json } = await call('POST', '/api/auth', { Username: 'admin', Password: 'pw' });
    return { authorization: `Bearer ${String(json['jwt'])}` };
  };

  beforeEach(async () => {
    fake = await FakePortainer.start({ password: 'pw', accessTokens: ['ptr_token'], version: '2.19.5-ce' });
  });

  afterEach(() => fake.stop());

  it('issues JWTs on login, 422 for wrong credentials, and refuses revoked or missing tokens', async () => {
    expect(await call('POST', '/api/auth', { username: 'admin', password: 'no' })).toEqual({
      status: 422,
      json: { message: 'Invalid credentials', details: 'Unauthorized' },
    });
    const auth = await login();
    expect((await call('GET', '/api/endpoints', undefined, auth)).json).toHaveLength(2);
    expect((await call('GET', '/api/endpoints')).json['message']).toBe('A valid authorization token is missing');
    fake.revokeSessions();
    expect(await call('GET', '/api/endpoints', undefined, auth)).toEqual({
      status: 401,
      json: { message: 'Invalid JWT token', details: 'Unauthorized' },
    });
    expect((await call('GET', '/api/stacks', undefined, { 'x-api-key': 'ptr_token' })).status).toBe(200);
    expect((await call('GET', '/api/system/status')).json['Version']).toBe('2.19.5-ce');
  });

  it('creates, stops, starts and deletes a standalone stack with Portainer statuses and messages', async () => {
    const auth = await login();
    const created = await call(
      'POST',
      '/api/stacks/create/standalone/string?endpointId=1',
      { name: 'My Stack!', stackFileContent: 'services: {}' },
      auth,
    );
    expect(created.json).toMatchObject({ Id: 7, Name: 'mystack', Type: 2, Status: 1, EndpointId: 1 });
    expect(
      (
        await call(
          'POST',
          '/api/stacks/create/standalone/string?endpointId=1',
          { name: 'mystack', stackFileContent: 'x' },
          auth,
        )
      ).status,
    ).toBe(409);
    expect(
      (await call('POST', '/api/stacks/create/standalone/string', { name: 'b', stackFileContent: 'x' }, auth)).status,
    ).toBe(400);
    expect((await call('POST', '/api/stacks/7/stop?endpointId=1', undefined, auth)).json['Status']).toBe(2);
    expect((await call('POST', '/api/stacks/7/stop?endpointId=1', undefined, auth)).json['message']).toBe(
      'Stack is already inactive',
    );
    expect((await call('POST', '/api/stacks/7/start?endpointId=1', undefined, auth)).json['Status']).toBe(1);
    expect((await call('DELETE', '/api/stacks/7?endpointId=1', undefined, auth)).status).toBe(204);
    expect((await call('DELETE', '/api/stacks/7?endpointId=1', undefined, auth)).status).toBe(404);
    const filtered = await call(
      'GET',
      `/api/stacks?filters=${encodeURIComponent('{"EndpointID":3}')}`,
      undefined,
      auth,
    );
    expect(filtered.json).toEqual([]);
  });
});
