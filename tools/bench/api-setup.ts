/** Tenants and the benchmark's user, created through the api itself (the way an operator would). */
import { randomBytes } from 'node:crypto';

export interface BenchTenants {
  customerCodes: string[];
  analystId: number;
  analystUsername: string;
  analystPassword: string;
}

async function call<T>(base: string, method: string, path: string, opts: { token?: string; json?: unknown; form?: Record<string, string> }): Promise<T> {
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
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function signIn(base: string, username: string, password: string): Promise<string> {
  return (await call<{ access_token: string }>(base, 'POST', '/api/auth/token', { form: { username, password } })).access_token;
}

/**
 * N customers and one analyst limited to all of them. A customer list (rather than an admin's
 * "all") makes every list query carry the tenancy condition, as it does for most MSSP analysts.
 */
export async function createTenants(base: string, adminPassword: string, customers: number, logoKb = 0): Promise<BenchTenants> {
  const admin = await signIn(base, 'admin', adminPassword);
  const customerCodes = Array.from({ length: customers }, (_, i) => `bench-c${String(i + 1).padStart(3, '0')}`);
  // Portal branding: a logo is stored on the customer row, so any read of whole customer rows carries it.
  const logo = logoKb > 0 ? `data:image/png;base64,${randomBytes(logoKb * 768).toString('base64')}` : undefined;
  for (const code of customerCodes) {
    await call(base, 'POST', '/api/customers', { token: admin, json: { customerCode: code, name: `Bench customer ${code.slice(7)}`, logo } });
  }
  const analystUsername = 'bench-analyst';
  const analystPassword = `bench-${adminPassword.slice(0, 24)}`;
  const user = await call<{ id: number }>(base, 'POST', '/api/users', {
    token: admin,
    json: { username: analystUsername, role: 'analyst', password: analystPassword, customerCodes },
  });
  return { customerCodes, analystId: user.id, analystUsername, analystPassword };
}
