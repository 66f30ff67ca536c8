import { TestApp } from '../testing/harness';

describe('harness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('boots and signs in the admin', async () => {
    const token = await t.adminToken();
    const me = await t.request<{ username: string }>('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
  });
});
