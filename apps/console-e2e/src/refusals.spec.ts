import { expect, test } from '@playwright/test';
import { ADMIN, screen, seedCustomerUser, signIn, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const customerUser = { username: `portal.only.${suffix}`, password: `Portal-only-${suffix}-pass` };

test.beforeAll(async ({ request }) => {
  await seedCustomerUser(request, {
    customerCode: `refuse-${suffix}`,
    customerName: `Refusal Test ${suffix}`,
    ...customerUser,
  });
});

test('a customer user is refused at the console with the server message', async ({ page }, testInfo) => {
  await signIn(page, '/login', customerUser.username, customerUser.password);
  const error = page.getByTestId('login-error');
  await expect(error).toContainText(/portal/i);
  await expect(page).toHaveURL(/\/login/);
  await screen(page, testInfo, '10-console-refuses-customer-user');
});

test('an admin is refused at the portal with the server message', async ({ page }, testInfo) => {
  await signIn(page, '/portal/login', ADMIN.username, ADMIN.password);
  const error = page.getByTestId('login-error');
  await expect(error).toContainText(/console/i);
  await expect(page).toHaveURL(/\/portal\/login/);
  await screen(page, testInfo, '11-portal-refuses-admin');
});

test('wrong credentials show the server message', async ({ page }) => {
  await signIn(page, '/login', ADMIN.username, 'not the password at all');
  await expect(page.getByTestId('login-error')).toHaveText('Incorrect username or password');
});

test('a signed-out visit to a deep link returns there after sign-in', async ({ page }) => {
  await page.goto('/users?q=admin');
  await expect(page).toHaveURL(/\/login\?returnUrl=/);
  await signIn(page, page.url(), ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/users\?q=admin$/);
  await expect(page.getByRole('row', { name: /admin/ }).first()).toBeVisible();
});
