import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import apiNode from '../../apps/api/node-flags.json';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MAIN_JS = join(REPO_ROOT, 'dist', 'apps', 'api', 'main.js');
const BOOT_TIMEOUT_MS = 90_000;

/** What probe.cjs reports from inside a server: its SQL statements so far and its own CPU time. */
export interface ProbeSample {
  queries: number;
  cpuUs: number;
  shapes?: Record<string, number>;
}

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  output(): string;
  probe(): Promise<ProbeSample>;
  stop(): Promise<void>;
}

const PROBE = join(__dirname, 'probe.cjs');

/** Like `npm start`: build the api if its inputs changed (Nx caches the build), so the bench measures the tree as it is. */
export function buildApi(log: (line: string) => void): void {
  log('building the api (npx nx build api; cached when nothing changed)...');
  execFileSync('npx', ['nx', 'build', 'api', '--output-style=static'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_DAEMON: 'false' } });
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Only what Node needs plus the given variables, so nothing from the caller's shell leaks in. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k] as string])), NODE_ENV: 'production', ...env };
}

function track(child: ChildProcess, url: () => string): ServerProcess & { exited: Promise<void>; exitCode(): number | null | undefined } {
  let out = '';
  let code: number | null | undefined;
  let probes = 0;
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((res) => child.once('exit', (c, signal) => {
    code = c ?? (signal ? -1 : null);
    res();
  }));
  return {
    get url() {
      return url();
    },
    pid: child.pid ?? 0,
    output: () => out,
    exited,
    exitCode: () => code,
    probe: () =>
      new Promise<ProbeSample>((res, rej) => {
        const id = ++probes;
        const timer = setTimeout(() => rej(new Error(`no probe answer from pid ${child.pid}`)), 5_000);
        const onMessage = (msg: unknown) => {
          const m = msg as (ProbeSample & { benchProbe?: number }) | null;
          if (m?.benchProbe !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          res({ queries: m.queries, cpuUs: m.cpuUs, shapes: m.shapes });
        };
        child.on('message', onMessage);
        child.send({ benchProbe: id });
      }),
    stop: async () => {
      if (code !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const randomKey = (): string => randomBytes(48).toString('base64');

/**
 * The api as production runs it: `node <apps/api/node-flags.json> dist/apps/api/main.js` (the real boot: config validation,
 * migrations, seeding, scheduler) in its own process. In-process createApp would put the api on
 * the load generator's event loop and charge it for the client's work, which the baseline (also a
 * separate process) would not pay.
 */
export async function startApi(env: Record<string, string>, nodeFlags: string[] = [], main = MAIN_JS): Promise<ServerProcess> {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npx nx build api\` (or drop --no-build)`);
  const port = await freePort();
  const child = spawn(process.execPath, [...apiNode.flags, ...nodeFlags, '-r', PROBE, main], {
    cwd: REPO_ROOT,
    env: childEnv({ PORT: String(port), LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const proc = track(child, () => `http://127.0.0.1:${port}`);
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode() !== undefined) throw new Error(`the api exited (${proc.exitCode()}) before it was ready:\n${proc.output()}`);
    try {
      if ((await fetch(`${proc.url}/api/health`)).status === 200) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.stop();
  throw new Error(`the api did not answer /api/health within ${BOOT_TIMEOUT_MS / 1000} s:\n${proc.output()}`);
}

/** The baseline server (raw-server.ts), run through @swc-node/register like `npm run fakes`. */
export async function startRawServer(env: Record<string, string>, nodeFlags: string[] = []): Promise<ServerProcess> {
  // The api's V8 flags too: both servers run under the same engine settings.
  const child = spawn(process.execPath, [...apiNode.flags, ...nodeFlags, '-r', PROBE, '-r', '@swc-node/register', join(__dirname, 'raw-server.ts')], {
    cwd: REPO_ROOT,
    env: childEnv({ SWC_NODE_PROJECT: join(REPO_ROOT, 'tools', 'tsconfig.json'), ...env }),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let port = 0;
  const proc = track(child, () => `http://127.0.0.1:${port}`);
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ready = /READY (\d+)/.exec(proc.output());
    if (ready) {
      port = Number(ready[1]);
      return proc;
    }
    if (proc.exitCode() !== undefined) throw new Error(`the baseline server exited (${proc.exitCode()}):\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await proc.stop();
  throw new Error(`the baseline server did not start within ${BOOT_TIMEOUT_MS / 1000} s:\n${proc.output()}`);
}
