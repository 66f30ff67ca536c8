import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { REPO_ROOT } from './processes';
import { connectionOptions, databaseExists } from './scratch-db';

// Boots the built api, loads rows and runs both servers: minutes on a busy 2-core machine, not 30 s.
jest.setTimeout(240_000);

const SERVER_URL = (process.env['TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, BENCH_MYSQL_URL: SERVER_URL }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', rej);
    child.once('close', (code) => res({ code, stdout, stderr }));
  });
}

/** Ratios are printed as `... ratio (api / raw): 0.83x`; speed is not asserted (benchmarks are not timed tests). */
function ratio(output: string, name: string): number {
  const m = new RegExp(`${name} ratio \\(api / raw\\): (\\S+)x`).exec(output);
  return m ? Number(m[1]) : Number.NaN;
}

describe('npm run bench -- alerts-list (tiny, end to end against the built api and MariaDB)', () => {
  const database = `copilot_bench_spec_${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    // The bench drops its database on every exit path; this is only for a run killed by the timeout.
    const conn = await createConnection(connectionOptions(SERVER_URL));
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  });

  it('loads alerts, checks both servers answer the same pages, prints both ratios as finite numbers and drops its database', async () => {
    const res = await run('npm', [
      'run', '--silent', 'bench', '--', 'alerts-list',
      '--alerts', '2000', '--customers', '4', '--seconds', '1', '--warmup', '0.5', '--rounds', '1', '--concurrency', '4',
      '--no-build', '--database', database,
    ]);
    const output = `${res.stdout}\n${res.stderr}`;
    expect({ code: res.code, output }).toEqual({ code: 0, output: expect.stringContaining('byte-identical from api and raw') });
    for (const name of ['throughput', 'p99']) {
      const value = ratio(res.stdout, name);
      expect({ name, value, finite: Number.isFinite(value) && value > 0 }).toEqual({ name, value, finite: true });
    }
    expect(res.stdout).toMatch(/^raw node:http \+ mysql2 .*$/m);
    expect(res.stdout).toMatch(/^api \(Nest\+Fastify, TypeORM\) .*$/m);
    expect(await databaseExists(SERVER_URL, database)).toBe(false);
  });
});
