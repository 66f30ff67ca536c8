import type { FindOptionsWhere } from 'typeorm';
import { AuditLogEntry } from '@copilot/api-core';
import type { Reply, TestApp } from '../testing/harness';

/** Shared by the foundation integration specs: problem assertions, JWT decoding, audit polling. */

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

let counter = 0;
/** A name no other test of this process uses: lowercase letters and digits, starts with `prefix`. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-4)}${Math.floor(Math.random() * 1296).toString(36)}${counter}`;
}

/** A random documentation-range address, so per-IP login counters of different tests never meet. */
export function freshIp(): string {
  return `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

/** Asserts an RFC 9457 answer with this status; when `fields` are given, errors[] must name each. */
export function expectProblem(res: Reply, status: number, ...fields: string[]): ProblemBody {
  // The body is shown only when the status is wrong, so a failure says what came back instead.
  const seen = { status: res.status, contentType: String(res.headers['content-type']), ...(res.status === status ? {} : { body: res.text.slice(0, 500) }) };
  expect(seen).toEqual({ status, contentType: expect.stringContaining('application/problem+json') });
  const body = res.body as ProblemBody;
  expect(body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) }));
  expect(body.detail.length).toBeGreaterThan(0);
  for (const field of fields) {
    const named = (body.errors ?? []).map((e) => e.field);
    expect(named).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`(^|\\.)${field.replace('.', '\\.')}$`))]));
  }
  return body;
}

export interface Claims {
  sub: string;
  username: string;
  scopes: string[];
  customer_codes?: string[];
  iat: number;
  exp: number;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Claims } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Claims,
  };
}

/**
 * The audit row is written by an onResponse hook, i.e. just after the reply is sent: poll the
 * table briefly for rows matching `where`, returning them newest first.
 */
export async function auditRows(t: TestApp, where: FindOptionsWhere<AuditLogEntry>, atLeast = 1, timeoutMs = 3000): Promise<AuditLogEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await t.db.getRepository(AuditLogEntry).find({ where, order: { id: 'DESC' } });
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
