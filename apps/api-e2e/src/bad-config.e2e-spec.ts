import { readdirSync } from 'node:fs';
import { killAll, removeDir, runMain, tempDir } from './support/process';

jest.setTimeout(60_000);

describe('bad configuration', () => {
  const dataDir = tempDir();

  afterAll(async () => {
    await killAll();
    removeDir(dataDir);
  });

  it('PORT=abc and LOG_LEVEL=loud together: exit code 1, stderr lists both, nothing is written', async () => {
    const res = await runMain([], { COPILOT_DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Invalid configuration');
    expect(res.stderr).toMatch(/PORT must be a whole number, got "abc"/);
    expect(res.stderr).toMatch(/LOG_LEVEL must be one of .*got "loud"/);
    // Refused before anything is created: no database, no generated secrets.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a CLI command the same way, never echoing a secret', async () => {
    const res = await runMain(['reset-password', 'admin', '--generate'], { COPILOT_DATA_DIR: dataDir, JWT_SECRET: 'changeme', DATABASE_URL: 'postgres://u:TopSecret99@db/x' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET');
    expect(res.stderr).toContain('DATABASE_URL');
    expect(res.stderr).not.toContain('TopSecret99');
    expect(res.stdout).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
