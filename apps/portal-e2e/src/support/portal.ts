import { APIRequestContext, Page, TestInfo, expect } from '@playwright/test';
import { join } from 'node:path';

export const ADMIN = { username: 'admin', password: process.env['COPILOT_E2E_ADMIN_PASSWORD'] ?? '' };

export function uniqueSuffix(): string {
  return Date.now().toString(36).slice(-6) + Math.floor(Math.random() * 1000).toString(36);
}

export async function screen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screens', `${name}.png`), fullPage: true });
}

export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const response = await request.post('/api/auth/token', {
    form: { username: ADMIN.username, password: ADMIN.password, client_id: 'console' },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') {
    throw new Error('token response without access_token');
  }
  return { Authorization: `Bearer ${body.access_token}` };
}

export interface PortalAccount {
  username: string;
  password: string;
  customers: { customerCode: string; name: string }[];
}

/** Prepares customers and one customer_user with access to all of them, through the api as the admin. */
export async function seedAccount(request: APIRequestContext, customerCount: number): Promise<PortalAccount> {
  const suffix = uniqueSuffix();
  const headers = await adminHeaders(request);
  const customers = Array.from({ length: customerCount }, (_, i) => ({
    customerCode: `pt-${suffix}-${i}`,
    name: `Portal Customer ${i + 1} ${suffix}`,
  }));
  for (const customer of customers) {
    const response = await request.post('/api/customers', { headers, data: customer });
    expect(response.ok(), await response.text()).toBe(true);
  }
  const account = { username: `pt.user.${suffix}`, password: `Portal-${suffix}-secret-pass`, customers };
  const response = await request.post('/api/users', {
    headers,
    data: {
      username: account.username,
      displayName: 'Pat Portal',
      role: 'customer_user',
      password: account.password,
      customerCodes: customers.map((c) => c.customerCode),
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return account;
}
