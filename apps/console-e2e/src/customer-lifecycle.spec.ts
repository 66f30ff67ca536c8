import { expect, test } from '@playwright/test';
import { ADMIN, apiToken, screen, seedCustomerUser, signInAdmin, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const owned = { customerCode: `owned-${suffix}`, customerName: `Owned Data ${suffix}` };
const empty = { customerCode: `empty-${suffix}`, name: `Empty Customer ${suffix}` };

test.beforeAll(async ({ request }) => {
  await seedCustomerUser(request, { ...owned, username: `owner.${suffix}`, password: `Owner-${suffix}-passphrase` });
  const token = await apiToken(request, ADMIN.username, ADMIN.password);
  const response = await request.post('/api/customers', { headers: { Authorization: `Bearer ${token}` }, data: empty });
  expect(response.ok(), await response.text()).toBe(true);
});

test.beforeEach(async ({ page }) => {
  await signInAdmin(page);
});

test('a customer that owns data cannot be deleted but can be deactivated and activated', async ({ page }, testInfo) => {
  await page.getByTestId('customer-search').fill(owned.customerCode);
  await expect(page).toHaveURL(new RegExp(`q=${owned.customerCode}`));
  await page.getByRole('link', { name: owned.customerName }).click();
  await expect(page.getByRole('heading', { name: owned.customerName })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/still owns data.*deactivate it instead/)).toBeVisible();
  await screen(page, testInfo, '12-console-customer-delete-refused');

  await page.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('customer-status')).toHaveText('Inactive');

  await page.goto(`/customers?q=${owned.customerCode}`);
  await expect(page.getByText('No customers match')).toBeVisible();
  await page.getByRole('switch', { name: 'Include inactive' }).click();
  await expect(page).toHaveURL(/inactive=true/);
  await expect(page.getByRole('row', { name: new RegExp(owned.customerName) })).toContainText('Inactive');
  await screen(page, testInfo, '13-console-customers-inactive');

  await page.getByRole('link', { name: owned.customerName }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('customer-status')).toHaveText('Active');
});

test('an empty customer is deleted after confirmation', async ({ page }) => {
  await page.goto(`/customers?q=${empty.customerCode}`);
  await page.getByRole('link', { name: empty.name }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: empty.name })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.goto(`/customers?q=${empty.customerCode}&inactive=true`);
  await expect(page.getByText('No customers match')).toBeVisible();
});

test('an edit of the customer is saved and shown after a reload', async ({ page }) => {
  await page.goto(`/customers?q=${owned.customerCode}`);
  await page.getByRole('link', { name: owned.customerName }).click();
  await page.getByLabel('Contact phone').fill('+49 30 1234567');
  await page.getByLabel('Notes').fill('24/7 SOC coverage');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Customer saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Contact phone')).toHaveValue('+49 30 1234567');
  await expect(page.getByLabel('Notes')).toHaveValue('24/7 SOC coverage');
});
