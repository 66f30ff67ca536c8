import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig, Role } from '@copilot/api-core';
import { UsersService } from '@copilot/api-users';
import { boot } from '../boot';
import { scratchDatabase } from '../database/migration-tools';

export const ADMIN_PASSWORD = 'admin-password-for-tests-only';
export const USER_PASSWORD = 'user-password-for-tests-only';

export interface InjectOptions {
  token?: string;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  ip?: string;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

/**
 * A booted api (the real boot sequence) on a fresh database of the dialect chosen by TEST_DB
 * (sqlite or mysql), with helpers for requests and fixtures. One per spec file: migrations run
 * once, and every spec creates the rows it needs.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const dialect = process.env['TEST_DB'] === 'mysql' ? 'mysql' : 'sqlite';
    const dir = mkdtempSync(join(tmpdir(), 'copilot-test-'));
    const scratch = await scratchDatabase(dialect);
    const url = scratch.db.type === 'mysql' ? scratch.db.url : `sqlite:${scratch.db.path}`;
    const key = () => randomBytes(48).toString('base64');
    const config = loadConfig({
      DATABASE_URL: url, COPILOT_DATA_DIR: dir, JWT_SECRET: key(), COPILOT_ENCRYPTION_KEY: key(), COPILOT_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error', ...env,
    });
    const app = await boot(config, { scheduler: false, logger: ['error'], webDist: join(dir, 'no-web') });
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, config, async () => {
      await app.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.app.get(token as never) as T;
  }

  async close(): Promise<void> {
    await this.cleanup();
  }

  async request<T = unknown>(method: string, url: string, opts: InjectOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload, remoteAddress: opts.ip ?? '127.0.0.1' });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.statusCode, headers: res.headers, body: body as T, text: res.body };
  }

  /** Signs in through the real token endpoint. */
  async login(username: string, password: string, clientId?: 'console' | 'portal'): Promise<string> {
    const form: Record<string, string> = { username, password };
    if (clientId) form['client_id'] = clientId;
    const res = await this.request<{ access_token: string }>('POST', '/api/auth/token', { form, ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${res.text}`);
    return res.body.access_token;
  }

  adminToken(): Promise<string> {
    return this.login('admin', ADMIN_PASSWORD);
  }

  /** A token for any user id, signed with the install's secret (e.g. for the scheduler account). */
  tokenFor(id: number, role: Role, username = `user${id}`, expiresIn = 600): Promise<string> {
    return this.app.get(JwtService).signAsync({ sub: String(id), username, scopes: [role] }, { expiresIn });
  }

  async createCustomer(admin: string, customerCode: string, extra: Record<string, unknown> = {}): Promise<{ id: number; customerCode: string }> {
    const res = await this.request<{ id: number; customerCode: string }>('POST', '/api/customers', { token: admin, body: { customerCode, name: `Customer ${customerCode}`, ...extra } });
    if (res.status !== 201) throw new Error(`create customer ${customerCode}: ${res.status} ${res.text}`);
    return res.body;
  }

  async createUser(admin: string, username: string, role: Role, customerCodes: string[] = []): Promise<{ id: number; token: string }> {
    const res = await this.request<{ id: number }>('POST', '/api/users', { token: admin, body: { username, role, password: USER_PASSWORD, customerCodes } });
    if (res.status !== 201) throw new Error(`create user ${username}: ${res.status} ${res.text}`);
    return { id: res.body.id, token: await this.login(username, USER_PASSWORD) };
  }

  schedulerUserId(): Promise<number> {
    return this.get(UsersService).findByUsername('scheduler').then((u) => u?.id ?? 0);
  }
}
