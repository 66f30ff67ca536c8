import { expect, test } from '@playwright/test';
import { ADMIN, apiToken, screen, signInAdmin, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const customer = { customerCode: `src-${suffix}`, name: `Source Customer ${suffix}` };
const sourceName = `wazuh-main-${suffix}`;

test.beforeAll(async ({ request }) => {
  const headers = { Authorization: `Bearer ${await apiToken(request, ADMIN.username, ADMIN.password)}` };
  const response = await request.post('/api/customers', { headers, data: customer });
  expect(response.ok(), await response.text()).toBe(true);
});

test('an admin adds an alert source, is refused a bad index pattern, runs a pass and sees how it went', async ({ page }, testInfo) => {
  await signInAdmin(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alert sources' }).click();
  await expect(page).toHaveURL(/\/alert-sources$/);
  await page.getByRole('link', { name: 'New source' }).first().click();
  await expect(page).toHaveURL(/\/alert-sources\/new$/);

  // The Wazuh defaults are shown, not filled in.
  await expect(page.getByTestId('mapping-title')).toHaveAttribute('placeholder', 'rule.description');
  await expect(page.getByTestId('mapping-title')).toHaveValue('');
  await expect(page.getByTestId('mapping-customer-fields')).toHaveAttribute('placeholder', /agent\.labels\.customer/);

  await page.getByTestId('source-name').fill(sourceName);
  await page.getByTestId('source-index').fill('Wazuh Alerts/*');
  await page.getByTestId('source-save').click();
  await expect(page.getByText('Use an index name or pattern such as wazuh-alerts-* or gl-events*')).toBeVisible();
  await expect(page.getByTestId('source-error')).toContainText('Some settings need fixing');
  await expect(page).toHaveURL(/\/alert-sources\/new$/);
  await page.getByTestId('source-index').scrollIntoViewIfNeeded();
  await screen(page, testInfo, '36-console-alert-source-refused');

  await page.getByTestId('source-index').fill('wazuh-alerts-*');
  await page.getByTestId('mapping-asset').fill('agent.ip');
  await page.getByRole('button', { name: 'Map a value to a customer' }).click();
  await page.getByTestId('customer-map-0').getByLabel('Field value').fill('ORG-4711');
  await page.getByTestId('customer-map-code-0').fill(customer.customerCode);
  await page.getByRole('option', { name: new RegExp(customer.name) }).click();
  await page.getByLabel('Batch size').fill('250');
  await page.getByTestId('source-save').click();
  await expect(page).toHaveURL(/\/alert-sources$/);
  await expect(page.getByText(`Alert source “${sourceName}” saved.`)).toBeVisible();

  const row = page.getByTestId(`source-${sourceName}`);
  await expect(row).toContainText('wazuh-alerts-*');
  await expect(row).toContainText('Enabled');
  await expect(row.getByTestId(`source-pass-${sourceName}`)).toContainText('Not run yet');

  // No Wazuh indexer is configured here: the pass runs, fails for this source, and says why.
  await page.getByTestId('sources-run-now').click();
  await expect(page.locator('mat-snack-bar-container').filter({ hasText: 'Ingestion pass' })).toBeVisible();
  await expect(page.getByTestId('sources-run-now')).toHaveText(/Run now/);
  await expect(row.getByTestId(`source-pass-${sourceName}`)).toContainText('Failed');
  await expect(row.locator('.pass-error')).not.toBeEmpty();
  await screen(page, testInfo, '37-console-alert-sources');

  // The saved settings come back as entered; defaults stay placeholders.
  await row.getByRole('link', { name: sourceName }).click();
  await expect(page.getByTestId('source-index')).toHaveValue('wazuh-alerts-*');
  await expect(page.getByTestId('mapping-asset')).toHaveValue('agent.ip');
  await expect(page.getByTestId('mapping-title')).toHaveValue('');
  await expect(page.getByTestId('customer-map-0').getByLabel('Field value')).toHaveValue('ORG-4711');
  await expect(page.getByTestId('customer-map-code-0')).toHaveValue(`${customer.name} (${customer.customerCode})`);
  await expect(page.getByLabel('Batch size')).toHaveValue('250');
  await page.getByTestId('source-enabled').click();
  await screen(page, testInfo, '38-console-alert-source-edit');
  await page.getByTestId('source-save').click();
  await expect(page).toHaveURL(/\/alert-sources$/);
  await expect(row).toContainText('Disabled');

  await row.getByRole('button', { name: 'Delete source' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete source' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Alert source “${sourceName}” deleted.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});
