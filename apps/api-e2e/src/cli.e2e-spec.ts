import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { http, killAll, removeDir, runMain, signIn, startApi, tempDir } from './support/process';

jest.setTimeout(90_000);

/** `reset-password` works offline against the data dir of a stopped api (the forgotten-password case). */
describe('CLI: reset-password', () => {
  const dataDir = tempDir();
  const env = { COPILOT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const piped = 'a-new-long-password-123';
  let initial: string;
  let generated: string;

  /** The admin's stored hash and the audit row count, read straight from the stopped api's SQLite file. */
  const snapshot = (): { hash: string; auditRows: number } => {
    const db = new Database(join(dataDir, 'copilot.sqlite'), { readonly: true });
    try {
      const user = db.prepare("SELECT password_hash AS hash FROM users WHERE username = 'admin'").get() as { hash: string };
      const audit = db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number };
      return { hash: user.hash, auditRows: audit.n };
    } finally {
      db.close();
    }
  };

  /** Starts the api on the data dir, runs `check` against it, stops it. */
  const withApi = async (check: (url: string) => Promise<void>) => {
    const api = await startApi(dataDir);
    try {
      await check(api.url);
    } finally {
      await api.stop();
    }
  };

  beforeAll(async () => {
    await withApi(async () => undefined);
    initial = readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim();
  });

  afterAll(async () => {
    await killAll();
    removeDir(dataDir);
  });

  it('--generate prints a new password once on stdout, and it signs in on the next start', async () => {
    const res = await runMain(['reset-password', 'admin', '--generate'], env);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    generated = lines[0];
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(res.stderr).toContain('changed');
    expect(res.stderr).not.toContain(generated);

    await withApi(async (url) => {
      expect((await signIn(url, 'admin', generated)).status).toBe(200);
      expect((await signIn(url, 'admin', initial)).status).toBe(401);
      // The generated initial password is no longer in use, so its file is gone.
      expect(existsSync(join(dataDir, 'initial-admin-password'))).toBe(false);
      const token = (await signIn(url, 'admin', generated)).body.access_token;
      const audit = await http<{ items: { action: string; outcome: string }[] }>(url, 'GET', '/api/audit-log?limit=100', { token });
      expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'cli.reset-password', outcome: 'success' })]));
    });
  });

  it('refuses a weak password from stdin with exit code 1 and changes nothing', async () => {
    const before = snapshot();
    const res = await runMain(['reset-password', 'admin'], env, { input: 'short\n' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('at least 12 characters');
    expect(res.stderr).toContain('nothing changed');
    expect(snapshot()).toEqual(before);
  });

  it('exits 1 for an unknown user and prints no password', async () => {
    const before = snapshot();
    const res = await runMain(['reset-password', 'nobody-here', '--generate'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('nobody-here');
    expect(res.stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it('sets the password piped on stdin; the previous one stops working', async () => {
    const res = await runMain(['reset-password', 'admin'], env, { input: `${piped}\n` });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain(piped);
    expect(res.stderr).not.toContain(piped);

    await withApi(async (url) => {
      expect((await signIn(url, 'admin', piped)).status).toBe(200);
      expect((await signIn(url, 'admin', generated)).status).toBe(401);
      expect((await signIn(url, 'admin', 'short')).status).toBe(401);
    });
  });
});
