import { expect, test } from '@playwright/test';
import { screen, seedConsoleUser, signIn, signInAdmin, signOut, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const shuffleKey = `e2e-shuffle-key-${suffix}-do-not-show`;
const analyst = { username: `analyst.${suffix}`, password: `Analyst-${suffix}-passphrase`, role: 'analyst' as const };

test.beforeAll(async ({ request }) => {
  await seedConsoleUser(request, analyst);
});

test('an admin verifies and configures a connector, runs and reschedules a job, and finds it in the audit log', async ({
  page,
}, testInfo) => {
  await signInAdmin(page);

  await page.getByRole('link', { name: 'Connectors' }).click();
  await expect(page).toHaveURL(/\/connectors$/);
  const shuffle = page.getByTestId('connector-Shuffle');
  await expect(shuffle).toContainText('Not configured');
  await shuffle.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('Shuffle: not configured');
  await expect(shuffle).toContainText('No API key');

  await shuffle.getByRole('button', { name: 'Configure' }).click();
  const dialog = page.getByRole('dialog');
  // The dialog moves focus to its first field when its opening animation ends; on a loaded machine that can
  // land after the next fill has started, sending the API key into the URL field. Wait for it first.
  await expect(dialog.getByLabel('URL')).toBeFocused();
  await dialog.getByLabel('URL').fill('https://shuffle.example.org');
  await dialog.getByLabel('API key').fill(shuffleKey);
  await dialog.getByRole('button', { name: 'Save connector' }).click();
  await expect(page.getByText('Shuffle saved.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(shuffle).toContainText('API key set');
  await expect(shuffle).toContainText('https://shuffle.example.org');
  await expect(page.locator('body')).not.toContainText(shuffleKey);
  await page.reload();
  await expect(page.getByTestId('connector-Shuffle')).toContainText('API key set');
  expect(await page.content()).not.toContain(shuffleKey);
  await page.getByTestId('connector-Shuffle').scrollIntoViewIfNeeded();
  await screen(page, testInfo, '15-console-connectors');

  await page.getByRole('link', { name: 'Scheduler' }).click();
  await expect(page).toHaveURL(/\/scheduler$/);
  const job = page.getByTestId('job-prune_audit_log');
  await job.getByRole('button', { name: 'Run now' }).click();
  await expect(page.locator('mat-snack-bar-container')).toContainText('prune_audit_log succeeded');
  await expect(job).not.toContainText('Never');

  await job.getByRole('button', { name: 'Edit interval' }).click();
  await page.getByRole('dialog').getByLabel('Run every (minutes)').fill('0');
  await page.getByRole('dialog').getByRole('button', { name: 'Save interval' }).click();
  await expect(page.getByRole('dialog')).toContainText('Enter a whole number from 1 to 10080');
  await page.getByRole('dialog').getByLabel('Run every (minutes)').fill('60');
  await page.getByRole('dialog').getByRole('button', { name: 'Save interval' }).click();
  await expect(page.getByTestId('interval-prune_audit_log')).toHaveText('60');
  await page.reload();
  await expect(page.getByTestId('interval-prune_audit_log')).toHaveText('60');

  await job.getByRole('button', { name: 'Pause' }).click();
  await expect(job).toContainText('Paused');
  await job.getByRole('button', { name: 'Start' }).click();
  await expect(job).toContainText('Enabled');
  await job.getByRole('button', { name: 'Recent runs' }).click();
  await expect(page.getByRole('dialog').getByRole('row').filter({ hasText: 'Manual (admin)' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await screen(page, testInfo, '16-console-scheduler');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  const runRow = page.getByRole('row').filter({ hasText: 'POST /api/scheduler/jobs/run/' }).first();
  await expect(runRow).toContainText('admin');
  await expect(runRow).toContainText('success');
  await expect(page.getByRole('row').filter({ hasText: 'PUT /api/connectors/' }).first()).toBeVisible();
  await page.getByTestId('audit-action').fill('PUT /api/scheduler');
  await expect(page).toHaveURL(/action=PUT/);
  await expect(page.getByRole('row').filter({ hasText: 'PUT /api/scheduler/update/' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'POST /api/scheduler' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('audit-action')).toHaveValue('PUT /api/scheduler');
  await page.getByTestId('audit-action').fill('');
  await expect(page.getByRole('row').filter({ hasText: 'POST /api/scheduler/pause/' }).first()).toBeVisible();
  await screen(page, testInfo, '17-console-audit-log');
});

test('an analyst sees connectors and the scheduler but not the audit log', async ({ page }, testInfo) => {
  await signIn(page, '/login', analyst.username, analyst.password);
  await expect(page).toHaveURL(/\/customers$/);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Connectors' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Scheduler' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

  await page.goto('/audit');
  await expect(page).toHaveURL(/\/customers$/);

  await nav.getByRole('link', { name: 'Connectors' }).click();
  await expect(page.getByTestId('connector-Shuffle')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Configure' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Verify' }).first()).toBeVisible();
  await screen(page, testInfo, '18-console-connectors-analyst');
  await signOut(page);
});
