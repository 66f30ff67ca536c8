// `npm run openapi`: rebuilds the api, writes libs/contract/openapi.json from it, then regenerates
// the Angular client in libs/client/src/lib with ng-openapi-gen (pure npm: no jar download).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run('npx', ['nx', 'build', 'api', '--output-style=static']);
run('node', ['dist/apps/api/main.js', 'openapi', 'libs/contract/openapi.json']);
run('npx', ['ng-openapi-gen', '--config', 'ng-openapi-gen.json'], join(root, 'libs', 'client'));
console.log('openapi: libs/contract/openapi.json and libs/client/src/lib regenerated');
