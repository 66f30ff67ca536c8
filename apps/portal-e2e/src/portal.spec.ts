import { expect, test } from '@playwright/test';
import { fillSignIn, screen, seedAccount } from './support/portal';

test('a deep link survives the sign-in and lands on the page asked for', async ({ page, request }, testInfo) => {
  const account = await seedAccount(request, 1);

  await page.goto('/portal/profile');
  await expect(page).toHaveURL(/\/portal\/login\?returnUrl=%2Fprofile/);
  await screen(page, testInfo, 'portal-login');
  await fillSignIn(page, account.username, account.password);

  await expect(page).toHaveURL(/\/portal\/profile$/);
  await expect(page.getByTestId('profile-username')).toHaveText(account.username);
  await expect(page.getByTestId('customer-name')).toHaveText(account.customers[0].name);
});

test('an account with several customers lists them all', async ({ page, request }, testInfo) => {
  const account = await seedAccount(request, 2);

  await page.goto('/portal/login');
  await fillSignIn(page, account.username, account.password);

  await expect(page).toHaveURL(/\/portal\/overview$/);
  const cards = page.getByTestId('customer-cards');
  for (const customer of account.customers) {
    await expect(cards).toContainText(customer.name);
  }
  await page.getByTestId('customer-name').click();
  await expect(page.getByRole('menu')).toContainText(account.customers[1].customerCode);
  await page.keyboard.press('Escape');
  await screen(page, testInfo, 'portal-overview-several-customers');
});

test('password change errors from the server appear on the right field', async ({ page, request }, testInfo) => {
  const account = await seedAccount(request, 1);
  await page.goto('/portal/login');
  await fillSignIn(page, account.username, account.password);
  await page.getByRole('tab', { name: 'Profile' }).click();

  await page.getByLabel('Current password').fill('certainly-not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('A brand new passphrase 1');
  await page.getByLabel('Confirm new password').fill('A brand new passphrase 1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('current-password-error')).toContainText(/incorrect/i);

  await page.getByLabel('Current password').fill(account.password);
  await page.getByLabel('New password', { exact: true }).fill('123456789012');
  await page.getByLabel('Confirm new password').fill('123456789012');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('new-password-error')).toContainText(/common/i);
  await screen(page, testInfo, 'portal-profile-errors');
});

test('the theme choice is remembered and the token is not', async ({ page, request }, testInfo) => {
  const account = await seedAccount(request, 1);
  await page.goto('/portal/login');
  await fillSignIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/portal\/overview$/);

  const before = await page.evaluate(() => document.documentElement.classList.contains('dark-theme'));
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await page.reload();
  await expect(page.getByTestId('customer-name')).toBeVisible();
  const after = await page.evaluate(() => document.documentElement.classList.contains('dark-theme'));
  expect(after).toBe(!before);
  await screen(page, testInfo, after ? 'portal-overview-dark' : 'portal-overview-light');

  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  }));
  expect(stored.local).toEqual(['copilot.theme']);
  expect(stored.session).toContain('copilot.portal.token');
});
