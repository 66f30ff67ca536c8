// `npm start`: build what changed (Nx caches each project's build by its inputs), then serve the
// api with the console at / and the portal at /portal on the embedded default (SQLite + files).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'console', 'portal', '--output-style=static'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false' },
});
const apiNodeFlags = JSON.parse(readFileSync(join(root, 'apps/api/node-flags.json'), 'utf8')).flags;
const api = spawn(process.execPath, [...apiNodeFlags, 'dist/apps/api/main.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));
