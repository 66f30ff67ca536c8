import { APIRequestContext, Page, TestInfo, expect } from '@playwright/test';
import { join } from 'node:path';

export const ADMIN = { username: 'admin', password: process.env['COPILOT_E2E_ADMIN_PASSWORD'] ?? '' };

/** A suffix that keeps names unique across runs against the same data directory. */
export function uniqueSuffix(): string {
  return Date.now().toString(36).slice(-6);
}

/** Saves a full-page screenshot as `<output dir>/screens/<name>.png`. */
export async function screen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screens', `${name}.png`), fullPage: true });
}

/** Fills and submits the sign-in form of either app (`/login` or `/portal/login`). */
export async function signIn(page: Page, loginUrl: string, username: string, password: string): Promise<void> {
  await page.goto(loginUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in to the console as the admin and waits for the start page. */
export async function signInAdmin(page: Page): Promise<void> {
  await signIn(page, '/login', ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/customers$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Bearer token for direct api calls that prepare a test (never used to drive the UI). */
export async function apiToken(
  request: APIRequestContext,
  username: string,
  password: string,
  clientId: 'console' | 'portal' = 'console',
): Promise<string> {
  const response = await request.post('/api/auth/token', {
    form: { username, password, client_id: clientId },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') {
    throw new Error('token response without access_token');
  }
  return body.access_token;
}

/** Creates a customer and a customer_user for it through the api, as an admin. */
export async function seedCustomerUser(
  request: APIRequestContext,
  names: { customerCode: string; customerName: string; username: string; password: string },
): Promise<void> {
  const headers = { Authorization: `Bearer ${await apiToken(request, ADMIN.username, ADMIN.password)}` };
  const customer = await request.post('/api/customers', {
    headers,
    data: { customerCode: names.customerCode, name: names.customerName },
  });
  expect(customer.ok(), await customer.text()).toBe(true);
  const user = await request.post('/api/users', {
    headers,
    data: {
      username: names.username,
      role: 'customer_user',
      password: names.password,
      customerCodes: [names.customerCode],
    },
  });
  expect(user.ok(), await user.text()).toBe(true);
}

/** Creates a console user with the given role through the api, as an admin. */
export async function seedConsoleUser(
  request: APIRequestContext,
  account: { username: string; password: string; role: 'admin' | 'analyst' },
): Promise<void> {
  const headers = { Authorization: `Bearer ${await apiToken(request, ADMIN.username, ADMIN.password)}` };
  const user = await request.post('/api/users', {
    headers,
    data: { username: account.username, role: account.role, password: account.password, customerCodes: [] },
  });
  expect(user.ok(), await user.text()).toBe(true);
}
