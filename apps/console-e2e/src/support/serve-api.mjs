// Playwright's webServer: boots the built api on a fresh data directory and removes the directory when the
// api stops. Run from the workspace root: `node apps/<project>/src/support/serve-api.mjs <label>`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), `copilot-${process.argv[2] ?? 'e2e'}-`));
const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: { ...process.env, COPILOT_DATA_DIR: dataDir },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => api.kill(signal));
}
api.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
