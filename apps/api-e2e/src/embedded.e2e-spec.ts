import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, http, killAll, removeDir, signIn, startApi, tempDir, tokenFor } from './support/process';

jest.setTimeout(60_000);

interface UserRow {
  id: number;
  username: string;
  role: string;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * The README's first command on a fresh machine: no configuration at all, SQLite and files under
 * the data dir. One data dir across several starts of the built api, as an operator would.
 */
describe('embedded default boot (SQLite + filesystem store), across restarts', () => {
  const dataDir = tempDir();
  const passwordFile = join(dataDir, 'initial-admin-password');
  const keyFiles = [join(dataDir, 'jwt_secret.key'), join(dataDir, 'copilot_encryption_key.key')];
  let api: ApiProcess;
  let initialPassword: string;
  let adminToken: string;
  let keysAtFirstBoot: string[];
  const newAdminPassword = 'fresh-chief-passphrase-42';

  const users = async (token: string): Promise<UserRow[]> => {
    const res = await http<{ items: UserRow[] }>(api.url, 'GET', '/api/users?limit=100', { token });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const restart = async () => {
    await api.stop();
    api = await startApi(dataDir);
  };

  afterAll(async () => {
    await api?.stop();
    await killAll();
    removeDir(dataDir);
  });

  it('boots with no configuration: health 200, secrets and the admin password generated into files readable only by the api', async () => {
    api = await startApi(dataDir);
    const health = await http<{ status: string }>(api.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    for (const file of [passwordFile, ...keyFiles]) expect(mode(file)).toBe(0o600);
    keysAtFirstBoot = keyFiles.map((f) => readFileSync(f, 'utf8'));
    initialPassword = readFileSync(passwordFile, 'utf8').trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);

    adminToken = await tokenFor(api.url, 'admin', initialPassword);
    const me = await http<{ username: string; role: string; mustChangePassword: boolean }>(api.url, 'GET', '/api/auth/me', { token: adminToken });
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });

    const log = api.output();
    expect(log).toContain(passwordFile);
    expect(log).toContain('generated JWT_SECRET, COPILOT_ENCRYPTION_KEY');
    expect(log).not.toContain(initialPassword);
    for (const key of keysAtFirstBoot) expect(log).not.toContain(key.trim());
  });

  it('keeps users, customers, secrets and tokens across a restart, with no second admin', async () => {
    const customer = await http(api.url, 'POST', '/api/customers', { token: adminToken, json: { customerCode: 'acme-e2e', name: 'Acme E2E' } });
    expect(customer.status).toBe(201);
    const analyst = await http(api.url, 'POST', '/api/users', { token: adminToken, json: { username: 'e2e-analyst', role: 'analyst', password: 'analyst-passphrase-e2e-1' } });
    expect(analyst.status).toBe(201);

    await restart();
    const log = api.output();
    expect(log).toContain('schema up to date');
    expect(log).not.toContain('generated JWT_SECRET');
    expect(log).not.toContain('created user "admin"');
    expect(log).not.toContain(initialPassword);
    expect(keyFiles.map((f) => readFileSync(f, 'utf8'))).toEqual(keysAtFirstBoot);

    // The token issued before the restart is still valid: the JWT secret was kept.
    const me = await http<{ username: string }>(api.url, 'GET', '/api/auth/me', { token: adminToken });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');

    const customers = await http<{ items: { customerCode: string }[] }>(api.url, 'GET', '/api/customers', { token: adminToken });
    expect(customers.body.items.map((c) => c.customerCode)).toContain('acme-e2e');
    const rows = await users(adminToken);
    expect(rows.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(rows.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'e2e-analyst']));
    await tokenFor(api.url, 'e2e-analyst', 'analyst-passphrase-e2e-1');
    await tokenFor(api.url, 'admin', initialPassword);
    expect(existsSync(passwordFile)).toBe(true);
  });

  it('removes the initial-admin-password file once the admin changes that password', async () => {
    const wrong = await http(api.url, 'POST', '/api/auth/password', { token: adminToken, json: { currentPassword: 'not-the-password-1', newPassword: newAdminPassword } });
    expect(wrong.status).toBe(400);
    expect(existsSync(passwordFile)).toBe(true);

    const res = await http(api.url, 'POST', '/api/auth/password', { token: adminToken, json: { currentPassword: initialPassword, newPassword: newAdminPassword } });
    expect(res.status).toBe(204);
    expect(existsSync(passwordFile)).toBe(false);
    expect((await signIn(api.url, 'admin', initialPassword)).status).toBe(401);
    adminToken = await tokenFor(api.url, 'admin', newAdminPassword);
  });

  it('renaming admin and restarting does not bring back a second admin or a password file', async () => {
    const admin = (await users(adminToken)).find((u) => u.username === 'admin');
    expect(admin).toBeDefined();
    const renamed = await http<UserRow>(api.url, 'PATCH', `/api/users/${admin?.id}`, { token: adminToken, json: { username: 'chief-e2e' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.username).toBe('chief-e2e');

    await restart();
    expect(api.output()).not.toContain('created user "admin"');
    expect(existsSync(passwordFile)).toBe(false);
    const token = await tokenFor(api.url, 'chief-e2e', newAdminPassword);
    const rows = await users(token);
    expect(rows.filter((u) => u.role === 'admin').map((u) => u.username)).toEqual(['chief-e2e']);
    expect(rows.map((u) => u.username)).not.toContain('admin');
    expect((await signIn(api.url, 'admin', newAdminPassword)).status).toBe(401);
  });
});
