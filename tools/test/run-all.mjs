// `npm test`: the whole suite. Preflight (MariaDB, Chromium), lint, type-check, build, Jest (unit,
// integration on SQLite and MariaDB, API e2e, Angular units), Playwright. Every step runs even when
// an earlier one failed, so one run reports everything; the last line is `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { preflight } from './preflight.mjs';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', CI_REQUIRE_WEB: '1', FORCE_COLOR: '0' };
const tally = { passed: 0, failed: 0 };
const lines = [];

function step(name, cmd, args, opts = {}) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit', ...opts });
  const ok = res.status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${Math.round((Date.now() - t0) / 1000)} s)`);
  return ok;
}

function check(name, cmd, args) {
  const ok = step(name, cmd, args);
  if (ok) tally.passed++;
  else tally.failed++;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const problems = await preflight();
if (problems.length > 0) {
  for (const p of problems) console.error(`npm test cannot run: ${p}`);
  console.log(`0 passed, ${problems.length} failed`);
  process.exit(1);
}

// @nx/enforce-module-boundaries reads the project graph from Nx's cache, which a fresh clone lacks
// (the rule would silently skip): compute it first.
step('project graph', 'npx', ['nx', 'show', 'projects']);
check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
// One program for all Node code (libs, api, e2e; the api's production build also checks its own
// config), then the Angular code in its bundler resolution (the production build checks templates;
// Jest checks the specs).
for (const project of ['tsconfig.node-check.json', 'apps/console/tsconfig.app.json', 'apps/portal/tsconfig.app.json', 'libs/ui/tsconfig.lib.json']) {
  check(`type-check ${project}`, 'npx', ['tsc', '-p', project, '--noEmit']);
}
// Production builds of all three apps (the Angular build also type-checks templates strictly);
// the API e2e and Playwright steps run against these builds.
const built = check('build api, console, portal', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'console', 'portal', '--parallel=1', '--output-style=static']);

const jestFile = join(out, 'jest.json');
step('jest (unit, integration on SQLite and MariaDB, API e2e, Angular units)', 'npx', ['jest', '--ci', '--json', `--outputFile=${jestFile}`]);
const jest = readJson(jestFile);
if (jest) {
  tally.passed += jest.numPassedTests;
  tally.failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  lines.push(`     jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numRuntimeErrorTestSuites} suites failed to run`);
} else {
  tally.failed++;
  lines.push('     jest: no report (it crashed)');
}

for (const app of ['console-e2e', 'portal-e2e']) {
  const config = ['mts', 'ts'].map((ext) => `apps/${app}/playwright.config.${ext}`).find((f) => existsSync(join(root, f)));
  if (!config) continue;
  if (!built) {
    tally.failed++;
    lines.push(`FAIL ${app}: not run, the build failed`);
    continue;
  }
  const report = join(out, `${app}.json`);
  step(`playwright ${app}`, 'npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } });
  const pw = readJson(report);
  if (pw?.stats) {
    tally.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    tally.failed += pw.stats.unexpected;
    lines.push(`     ${app}: ${pw.stats.expected} passed, ${pw.stats.unexpected} failed, ${pw.stats.flaky ?? 0} flaky`);
  } else {
    tally.failed++;
    lines.push(`     ${app}: no report (it crashed)`);
  }
}

console.log(`\n=== summary\n${lines.join('\n')}`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
