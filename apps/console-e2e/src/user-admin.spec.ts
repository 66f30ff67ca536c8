import { expect, test } from '@playwright/test';
import { screen, seedCustomerUser, signIn, signInAdmin, signOut, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const account = { username: `managed.${suffix}`, password: `Managed-${suffix}-passphrase` };
const resetTo = `Reset-${suffix}-by-the-admin`;

test.beforeAll(async ({ request }) => {
  await seedCustomerUser(request, {
    customerCode: `managed-${suffix}`,
    customerName: `Managed Customer ${suffix}`,
    ...account,
  });
});

test('an admin disables, re-enables, resets the password of and deletes a user', async ({ page }, testInfo) => {
  await signInAdmin(page);
  await page.goto(`/users?q=${account.username}`);
  await page.getByRole('link', { name: account.username }).click();
  await expect(page.getByRole('heading', { name: account.username })).toBeVisible();

  await page.getByRole('switch', { name: 'Disabled (cannot sign in)' }).click();
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByText('User saved.')).toBeVisible();
  await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
  await screen(page, testInfo, '14-console-user-disabled');
  await signOut(page);

  await signIn(page, '/portal/login', account.username, account.password);
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page).toHaveURL(/\/portal\/login/);

  await signInAdmin(page);
  await page.goto(`/users?q=${account.username}`);
  await page.getByRole('link', { name: account.username }).click();
  await page.getByRole('switch', { name: 'Disabled (cannot sign in)' }).click();
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByText('User saved.')).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(resetTo);
  await page.getByLabel('Confirm password').fill(resetTo);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByText(/Password reset/)).toBeVisible();
  await signOut(page);

  await signIn(page, '/portal/login', account.username, resetTo);
  await expect(page).toHaveURL(/\/portal\/(overview|profile)/);
  await signOut(page);

  await signInAdmin(page);
  await page.goto(`/users?q=${account.username}`);
  await page.getByRole('link', { name: account.username }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.goto(`/users?q=${account.username}`);
  await expect(page.getByText('No users match')).toBeVisible();
});

test('the last admin cannot delete their own account from the console', async ({ page }) => {
  await signInAdmin(page);
  await page.goto('/users?q=admin');
  await page.getByRole('link', { name: 'admin', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
});
