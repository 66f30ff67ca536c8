// `npm run cli -- <command> [args]`: builds the api quietly if needed, then runs its CLI, e.g.
// `npm run cli -- reset-password admin` (works offline against the configured database).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
try {
  execFileSync('npx', ['nx', 'build', 'api', '--output-style=static'], { cwd: root, stdio: 'pipe', env: { ...process.env, NX_DAEMON: 'false' } });
} catch (err) {
  process.stderr.write(String(err.stdout ?? '') + String(err.stderr ?? ''));
  process.exit(1);
}
const res = spawnSync(process.execPath, ['dist/apps/api/main.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(res.status ?? 1);
