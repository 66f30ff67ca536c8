import { expect, test } from '@playwright/test';
import { ADMIN, screen, signIn, signOut, uniqueSuffix } from './support/app';

/** 1×1 transparent PNG, uploaded as the customer's logo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('an admin onboards a customer whose user then signs in to the portal', async ({ page }, testInfo) => {
  const suffix = uniqueSuffix();
  const customerName = `Acme Industries ${suffix}`;
  const customerCode = `acme-${suffix}`;
  const username = `jane.${suffix}`;
  const initialPassword = `Initial-${suffix}-passphrase`;
  const newPassword = `Changed-${suffix}-passphrase`;

  await test.step('admin signs in to the console', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await screen(page, testInfo, '01-console-login');
    await signIn(page, '/login', ADMIN.username, ADMIN.password);
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
    await screen(page, testInfo, '02-console-customers');
  });

  await test.step('admin creates the customer', async () => {
    await page.getByRole('link', { name: 'New customer' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill(customerName);
    await page.getByLabel('Customer code', { exact: true }).fill(customerCode);
    await page.getByLabel('Type', { exact: true }).fill('MSSP client');
    await page.getByLabel('Contact name').fill('Jane Doe');
    await page.getByLabel('Contact email').fill('jane@acme.example');
    await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByAltText('Customer logo')).toBeVisible();
    await screen(page, testInfo, '03-console-customer-new');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page).toHaveURL(/\/customers\/\d+$/);
    await expect(page.getByRole('heading', { name: customerName })).toBeVisible();
    await expect(page.getByTestId('customer-status')).toHaveText('Active');
    await screen(page, testInfo, '04-console-customer-edit');

    await page.goto(`/customers?q=${customerCode}`);
    await expect(page.getByRole('row', { name: new RegExp(customerName) })).toBeVisible();
  });

  await test.step('admin creates a customer user with access to it', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    await page.getByRole('link', { name: 'New user' }).click();
    // The list's "Search by username…" field also matches the label until the form has replaced the list.
    await expect(page.getByRole('heading', { name: 'New user' })).toBeVisible();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Display name').fill('Jane Doe');
    await page.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Customer user' }).click();
    await page.getByTestId('customer-access-input').fill(customerCode);
    await page.getByRole('option', { name: new RegExp(customerName) }).click();
    await expect(page.locator('mat-chip-row')).toContainText(customerName);
    await page.getByTestId('user-password').fill(initialPassword);
    await page.getByTestId('user-password-confirm').fill(initialPassword);
    await screen(page, testInfo, '05-console-user-new');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page).toHaveURL(/\/users\/\d+$/);
    await expect(page.getByRole('heading', { name: 'Jane Doe' })).toBeVisible();
    await screen(page, testInfo, '06-console-user-edit');

    await page.goto(`/users?q=${username}`);
    await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText(customerCode);
    await screen(page, testInfo, '07-console-users');
  });

  await test.step('admin signs out', async () => {
    await signOut(page);
    await expect(page).toHaveURL(/\/login/);
  });

  await test.step('the customer user signs in to the portal and sees the customer', async () => {
    await signIn(page, '/portal/login', username, initialPassword);
    await expect(page).toHaveURL(/\/portal\/overview$/);
    await expect(page.getByTestId('customer-name')).toHaveText(customerName);
    await expect(page.getByTestId('customer-cards')).toContainText(customerCode);
    await screen(page, testInfo, '08-portal-overview');
  });

  await test.step('the customer user changes the password', async () => {
    await page.getByRole('tab', { name: 'Profile' }).or(page.getByRole('link', { name: 'Profile' })).first().click();
    await expect(page).toHaveURL(/\/portal\/profile$/);
    await page.getByLabel('Current password').fill(initialPassword);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password was changed.')).toBeVisible();
    await screen(page, testInfo, '09-portal-profile');
  });

  await test.step('the customer user signs out and back in with the new password', async () => {
    await signOut(page);
    await expect(page).toHaveURL(/\/portal\/login/);
    await signIn(page, '/portal/login', username, initialPassword);
    await expect(page.getByTestId('login-error')).toContainText('Incorrect username or password');
    await signIn(page, '/portal/login', username, newPassword);
    await expect(page.getByTestId('customer-name')).toHaveText(customerName);
    await signOut(page);
  });
});
