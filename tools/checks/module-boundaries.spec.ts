import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * The two-axis tags (scope:*, type:*) are only worth having if lint refuses a crossing. This lints
 * small probe files placed (virtually) inside real projects and expects the boundary rule to fire.
 */
describe('module boundaries are enforced by lint', () => {
  beforeAll(() => {
    // The rule reads Nx's project graph from its cache; a fresh clone has none until an nx command runs.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'pipe', env: { ...process.env, NX_DAEMON: 'false' } });
  }, 120_000);

  /** ESLint's CLI on stdin (its config is ESM, which Jest's module system cannot load in-process). */
  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    let out: string;
    try {
      out = execFileSync('npx', ['eslint', '--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'], { cwd: root, input: code, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    } catch (err) {
      // Exit code 1 = lint errors found; the JSON report is still on stdout.
      out = String((err as { stdout?: Buffer }).stdout ?? '');
    }
    const [result] = JSON.parse(out) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it.each([
    ['the api reaching an Angular lib', 'libs/api/core/src/lib/probe.ts', "import { provideCopilot } from '@copilot/ui';\nexport const x = provideCopilot;\n"],
    ['a util lib reaching a feature lib', 'libs/api/core/src/lib/probe.ts', "import { UsersService } from '@copilot/api-users';\nexport const x = UsersService;\n"],
    ['the console reaching api code', 'apps/console/src/app/probe.ts', "import { AppConfig } from '@copilot/api-core';\nexport const x = AppConfig;\n"],
    ['a feature lib reaching the fakes', 'libs/api/customers/src/lib/probe.ts', "import { FakeOpenSearch } from '@copilot/testing-fakes';\nexport const x = FakeOpenSearch;\n"],
    ['a relative import into another project', 'libs/api/auth/src/lib/probe.ts', "import { UsersService } from '../../../users/src/lib/users.service';\nexport const x = UsersService;\n"],
  ])('refuses %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it('accepts an allowed import', async () => {
    expect(await boundaryErrors('libs/api/auth/src/lib/probe.ts', "import { UsersService } from '@copilot/api-users';\nexport const x = UsersService;\n")).toEqual([]);
  });
});
