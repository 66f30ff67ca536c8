import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ADMIN, apiToken, screen, seedConsoleUser, signIn, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const north = { customerCode: `cnorth-${suffix}`, name: `Case North ${suffix}` };
const south = { customerCode: `csouth-${suffix}`, name: `Case South ${suffix}` };
const analyst = { username: `cases.${suffix}`, password: `Cases-${suffix}-passphrase`, role: 'analyst' as const };
const titles = {
  vpn: `VPN brute force on gw-${suffix}`,
  other: `Port scan on dmz-${suffix}`,
  foreign: `Phishing mail to finance-${suffix}`,
};
const alertIds: Record<keyof typeof titles, number> = { vpn: 0, other: 0, foreign: 0 };
const evidence = { name: `vpn-log-${suffix}.txt`, body: Buffer.from(`Jan 15 08:30:01 gw sshd: Failed password for root (${suffix})\n`) };

async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await apiToken(request, ADMIN.username, ADMIN.password)}` };
}

async function createAlert(request: APIRequestContext, headers: Record<string, string>, title: string, customerCode: string): Promise<number> {
  const response = await request.post('/api/incidents/alerts', {
    headers,
    data: { title, customerCode, source: 'wazuh', severity: 'High', description: 'Raised by rule 5712.', firstEventAt: '2026-01-15T08:30:00Z' },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Picks a customer in a `cp-customer-select` by typing its code. */
async function pickCustomer(page: Page, testId: string, customer: { customerCode: string; name: string }): Promise<void> {
  await page.getByTestId(testId).fill(customer.customerCode);
  await page.getByRole('option', { name: new RegExp(customer.name) }).click();
}

async function newCase(page: Page, customer: { customerCode: string; name: string }, name: string, description: string): Promise<void> {
  await page.getByTestId('case-new').click();
  const dialog = page.getByRole('dialog');
  await pickCustomer(page, 'case-create-customer', customer);
  await dialog.getByTestId('case-create-name').fill(name);
  await dialog.getByTestId('case-create-description').fill(description);
  await dialog.getByRole('button', { name: 'Create case' }).click();
  await expect(page).toHaveURL(/\/cases\/\d+$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  await seedConsoleUser(request, analyst);
  const headers = await adminHeaders(request);
  for (const customer of [north, south]) {
    const response = await request.post('/api/customers', { headers, data: customer });
    expect(response.ok(), await response.text()).toBe(true);
  }
  alertIds.vpn = await createAlert(request, headers, titles.vpn, north.customerCode);
  alertIds.other = await createAlert(request, headers, titles.other, north.customerCode);
  alertIds.foreign = await createAlert(request, headers, titles.foreign, south.customerCode);
});

test('an analyst opens a case, links an alert, works a task, comments, keeps evidence and closes it with its alert', async ({
  page,
}, testInfo) => {
  await signIn(page, '/login', analyst.username, analyst.password);
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases' }).click();
  await expect(page).toHaveURL(/\/cases$/);

  const caseName = `Brute force against the VPN ${suffix}`;
  await newCase(page, north, caseName, 'Repeated root logins on the VPN gateway.');
  await expect(page.getByText(/created; no case template matched/)).toBeVisible();
  await expect(page.getByTestId('case-customer')).toHaveText(north.customerCode);
  await expect(page.getByTestId('case-template')).toHaveText('None');
  const caseUrl = page.url();

  // Link: only alerts of the case's customer are offered.
  await page.getByTestId('case-link-alerts').click();
  const link = page.getByRole('dialog');
  await link.getByTestId('case-link-search').fill(suffix);
  await expect(link.getByTestId(`case-link-alert-${alertIds.vpn}`)).toBeVisible();
  await expect(link.getByTestId(`case-link-alert-${alertIds.other}`)).toBeVisible();
  await expect(link.getByText(titles.foreign)).toHaveCount(0);
  await link.getByTestId(`case-link-alert-${alertIds.vpn}`).getByRole('checkbox').check();
  await link.getByRole('button', { name: 'Link 1 alert' }).click();
  await expect(link).toBeHidden();
  await expect(page.getByTestId(`linked-alert-${alertIds.vpn}`)).toContainText(titles.vpn);
  await expect(page.getByRole('tab', { name: 'Alerts (1)' })).toBeVisible();

  await page.getByRole('tab', { name: /^Tasks/ }).click();
  await expect(page).toHaveURL(/tab=tasks/);
  await page.getByTestId('case-task-title').fill('Pull the VPN authentication log');
  await page.getByRole('button', { name: 'Add task' }).click();
  const task = page.locator('cp-case-tasks li').filter({ hasText: 'Pull the VPN authentication log' });
  await expect(task).toBeVisible();
  await task.getByRole('radio', { name: 'Done' }).click();
  await expect(page.getByTestId('case-task-summary')).toContainText('1 of 1 finished');

  await page.getByRole('tab', { name: /^Comments/ }).click();
  await page.getByTestId('comment-body').fill('Source address belongs to a known botnet range.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.locator('ui-comments article')).toContainText('Source address belongs to a known botnet range.');
  await expect(page.getByRole('tab', { name: 'Comments (1)' })).toBeVisible();

  await page.getByRole('tab', { name: 'Files' }).click();
  await page.locator('cp-case-files').getByTestId('file-input').setInputFiles({ name: evidence.name, mimeType: 'text/plain', buffer: evidence.body });
  const fileRow = page.getByTestId(`case-file-${evidence.name}`);
  await expect(fileRow).toContainText(`${evidence.body.length} B`);
  await expect(fileRow).toContainText(createHash('sha256').update(evidence.body).digest('hex'));
  await expect(fileRow).toContainText(analyst.username);
  await screen(page, testInfo, '31-console-case-files');
  const downloading = page.waitForEvent('download');
  await fileRow.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(evidence.name);
  expect(await readFile(await download.path())).toEqual(evidence.body);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline).toContainText(`${analyst.username} linked alert #${alertIds.vpn}`);
  await expect(timeline).toContainText('set the task “Pull the VPN authentication log” from To do to Done');
  await expect(timeline).toContainText('commented: “Source address belongs to a known botnet range.”');
  await expect(timeline).toContainText(`uploaded “${evidence.name}”`);

  // Close the case and its alert in one step.
  await page.getByTestId('case-triage-status').getByText('Closed').click();
  const closing = page.getByRole('dialog');
  await expect(closing.getByTestId('case-close-alerts')).toContainText('Also close the linked alert that is still open');
  await expect(closing.getByRole('checkbox')).toBeChecked();
  await closing.getByRole('button', { name: 'Close case' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Closed');
  await expect(timeline).toContainText('closed 1 linked alert');
  await page.getByRole('tab', { name: /^Alerts/ }).click();
  await expect(page.getByTestId(`linked-status-${alertIds.vpn}`)).toHaveText('Closed');
  await screen(page, testInfo, '32-console-case-closed');

  await page.getByRole('link', { name: titles.vpn }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alertIds.vpn}$`));
  await expect(page.getByTestId('alert-status')).toHaveText('Closed');

  // The list finds it by status and customer, and keeps the filters in the URL.
  await page.goto('/cases');
  await page.getByTestId('case-status-chips').getByRole('option', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/status=CLOSED/);
  await pickCustomer(page, 'case-customer-filter', north);
  await expect(page).toHaveURL(new RegExp(`customer=${north.customerCode}`));
  const rows = page.getByRole('row').filter({ hasText: suffix });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(caseName);
  await expect(rows.first()).toContainText('Closed');
  await expect(page.getByTestId('case-count')).toContainText('Showing 1 of 1');
  await screen(page, testInfo, '30-console-cases');
  await page.getByTestId('case-status-chips').getByRole('option', { name: 'Open' }).click();
  await page.getByTestId('case-status-chips').getByRole('option', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/status=OPEN/);
  await expect(page.getByText('No cases match')).toBeVisible();
  await page.goto(caseUrl);
  await expect(page.getByTestId('case-status')).toHaveText('Closed');
});

test('a case template is applied to the next case of its customer, and a stale save is refused', async ({ page, request }, testInfo) => {
  await signIn(page, '/login', analyst.username, analyst.password);
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Case templates' }).click();
  await expect(page).toHaveURL(/\/case-templates$/);

  const templateName = `Phishing playbook ${suffix}`;
  await page.getByRole('link', { name: 'New template' }).first().click();
  await page.getByTestId('template-name').fill(templateName);
  await pickCustomer(page, 'template-customer', south);
  await page.getByTestId('template-task-title-0').fill('Reset the mailbox password');
  await page.getByTestId('template-task-mandatory-0').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByTestId('template-task-title-1').fill('Tell the customer what was sent');
  await screen(page, testInfo, '33-console-case-template-form');
  await page.getByTestId('template-save').click();
  await expect(page).toHaveURL(/\/case-templates$/);
  const templateRow = page.getByRole('row').filter({ hasText: templateName });
  await expect(templateRow).toContainText(south.customerCode);
  await expect(templateRow).toContainText('2 (1 mandatory)');
  await screen(page, testInfo, '34-console-case-templates');

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases' }).click();
  await newCase(page, south, `Phishing of finance ${suffix}`, 'Invoice lure sent to finance.');
  await expect(page.getByText(`with the template “${templateName}” (2 tasks)`)).toBeVisible();
  await expect(page.getByTestId('case-template')).toHaveText(templateName);
  await page.getByRole('tab', { name: /^Tasks/ }).click();
  await expect(page.getByTestId('case-task-summary')).toContainText('0 of 2 finished · 1 mandatory still to do');
  const mandatory = page.locator('cp-case-tasks li').filter({ hasText: 'Reset the mailbox password' });
  await expect(mandatory).toContainText('Mandatory');
  await expect(mandatory.getByRole('radio', { name: 'Not necessary' })).toHaveCount(0);
  const optional = page.locator('cp-case-tasks li').filter({ hasText: 'Tell the customer what was sent' });
  await optional.getByRole('radio', { name: 'Not necessary' }).click();
  await expect(optional.getByRole('radio', { name: 'Not necessary' })).toHaveAttribute('aria-checked', 'true');
  await screen(page, testInfo, '35-console-case-from-template');

  // Someone else changes the case: the next save here is refused with a reload offer.
  const id = Number(/\/cases\/(\d+)/.exec(page.url())?.[1]);
  const elsewhere = await request.patch(`/api/incidents/cases/${id}`, { headers: await adminHeaders(request), data: { escalated: true } });
  expect(elsewhere.ok(), await elsewhere.text()).toBe(true);
  await page.getByTestId('case-triage-status').getByText('In progress').click();
  await expect(page.getByTestId('case-stale')).toContainText('changed by someone else');
  await expect(page.getByTestId('case-status')).toHaveText('Open');
  await page.getByTestId('case-stale').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('case-escalated')).toBeVisible();
  await page.getByTestId('case-triage-status').getByText('In progress').click();
  await expect(page.getByTestId('case-status')).toHaveText('In progress');

  // Deleting the template leaves the case's tasks alone.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Case templates' }).click();
  await templateRow.getByRole('button', { name: 'Delete template' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Template “${templateName}” deleted.`)).toBeVisible();
  await expect(templateRow).toHaveCount(0);
  await page.goto(`/cases/${id}?tab=tasks`);
  await expect(page.getByTestId('case-task-summary')).toContainText('1 of 2 finished (1 not necessary)');
});
