import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} never answered:\n${output()}`);
}

/**
 * The README's first command after `npm ci`: `npm start` builds what changed and serves the api,
 * the console at / and the portal at /portal/ on the embedded default. The test runner has just
 * built everything, so this start must take every build from the Nx cache.
 */
describe('npm start', () => {
  it('serves /api/health, the console and the portal, rebuilding nothing that did not change', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'copilot-start-'));
    const port = await freePort();
    let out = '';
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), COPILOT_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NX_DAEMON: 'false', FORCE_COLOR: '0' },
      detached: true,
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(`http://127.0.0.1:${port}/api/health`, child, () => out);
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      for (const path of ['/', '/portal/']) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
        expect(await res.text()).toContain('<base href="' + path + '"');
      }
      // Nx reports cache hits; all three builds were fresh from the test runner's build step.
      expect(out).toMatch(/Nx read the output from the cache instead of running the command for 3 out of 3 tasks/);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
