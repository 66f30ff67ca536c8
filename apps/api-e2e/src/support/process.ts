import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Spawning, waiting for and stopping the BUILT api (`npx nx build api` first). */

export const REPO_ROOT = resolve(__dirname, '../../../..');
export const MAIN_JS = join(REPO_ROOT, 'dist', 'apps', 'api', 'main.js');

const BOOT_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 10_000;
const children = new Set<ChildProcess>();

export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npx nx build api\` before the api e2e tests`);
}

export function tempDir(prefix = 'copilot-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * A clean environment: only what Node needs plus the given variables, so nothing from the test
 * runner's environment (a DATABASE_URL, say) leaks into the api under test.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  const base = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k] as string]));
  return { ...base, NODE_ENV: 'production', ...env };
}

export interface ExitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs main.js with arguments to completion (CLI commands, or a boot expected to fail). */
export function runMain(args: string[], env: Record<string, string>, opts: { input?: string; timeoutMs?: number } = {}): Promise<ExitResult> {
  assertBuilt();
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [MAIN_JS, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`main.js ${args.join(' ')} did not exit within ${opts.timeoutMs ?? BOOT_TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? BOOT_TIMEOUT_MS);
    child.once('error', rej);
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      res({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.write(opts.input);
    child.stdin?.end();
  });
}

export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts `node dist/apps/api/main.js` on a free loopback port and resolves once /api/health
 * answers 200. Rejects with the process output if it exits or does not become ready in time.
 */
export async function startApi(dataDir: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  assertBuilt();
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: REPO_ROOT,
    env: childEnv({ PORT: String(port), COPILOT_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((res) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      children.delete(child);
      res(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const proc: ApiProcess = {
    url,
    port,
    dataDir,
    output: () => out,
    stop: async () => {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the api exited (${exitCode}) before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await proc.stop();
  throw new Error(`the api did not answer /api/health within ${BOOT_TIMEOUT_MS} ms:\n${out}`);
}

/** Kills whatever a failed test left running; call from afterAll. */
export async function killAll(): Promise<void> {
  const waits = [...children].map(
    (child) =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGKILL');
      }),
  );
  children.clear();
  await Promise.all(waits);
}

export interface HttpReply<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** A small fetch wrapper: JSON or form bodies, bearer token, parsed JSON replies. */
export async function http<T = unknown>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<HttpReply<T>> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

/** Signs in through the token endpoint; returns the reply so callers can assert failures too. */
export function signIn(base: string, username: string, password: string): Promise<HttpReply<{ access_token: string }>> {
  return http<{ access_token: string }>(base, 'POST', '/api/auth/token', { form: { username, password } });
}

export async function tokenFor(base: string, username: string, password: string): Promise<string> {
  const res = await signIn(base, username, password);
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text}`);
  return res.body.access_token;
}

/** An install secret as an operator makes one: 48 random bytes, base64. */
export const randomKey = (): string => randomBytes(48).toString('base64');
