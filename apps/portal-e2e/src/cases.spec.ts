import { APIRequestContext, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PortalAccount, adminHeaders, fillSignIn, screen, seedAccount } from './support/portal';

interface Seeded {
  account: PortalAccount;
  headers: Record<string, string>;
  phishing: number;
  travel: number;
  foreignCase: number;
}

async function created(request: APIRequestContext, url: string, headers: Record<string, string>, data: object): Promise<number> {
  const response = await request.post(url, { headers, data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Two customers with alerts, a case of the other customer, and a template that gives the user's cases tasks. */
async function seed(request: APIRequestContext): Promise<Seeded> {
  const account = await seedAccount(request, 1);
  const stranger = await seedAccount(request, 1);
  const headers = await adminHeaders(request);
  const own = account.customers[0].customerCode;
  const other = stranger.customers[0].customerCode;
  await created(request, '/api/incidents/case-templates', headers, {
    name: `Customer request ${own}`,
    customerCode: own,
    tasks: [
      { title: 'Acknowledge the request', mandatory: true },
      { title: 'Review the linked alerts', description: 'Decide whether each alert needs containment.' },
    ],
  });
  const alert = (title: string, severity: string, customerCode: string, firstEventAt: string) =>
    created(request, '/api/incidents/alerts', headers, { source: 'wazuh', title, severity, customerCode, firstEventAt });
  const phishing = await alert('Phishing link clicked by j.doe', 'High', own, '2026-02-03T10:00:00Z');
  const travel = await alert('Impossible travel for ceo', 'Medium', own, '2026-02-03T11:00:00Z');
  await alert('Alert of another organisation', 'Low', other, '2026-02-03T12:00:00Z');
  const foreignCase = await created(request, '/api/incidents/cases', headers, { name: 'Case of another organisation', customerCode: other });
  return { account, headers, phishing, travel, foreignCase };
}

test('a customer user opens a case, links an alert, comments, exchanges a file and moves it on, and cannot open other organisations’ cases', async ({
  page,
  request,
}, testInfo) => {
  const { account, headers, phishing, travel, foreignCase } = await seed(request);

  await page.goto('/portal/login');
  await fillSignIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/portal\/overview$/);
  await page.getByRole('tab', { name: 'Cases' }).click();
  await expect(page).toHaveURL(/\/portal\/cases$/);
  await expect(page.getByText('No cases yet')).toBeVisible();

  // Create: one organisation, so the dialog does not ask for it.
  await page.getByTestId('case-new').click();
  const create = page.getByRole('dialog');
  await expect(create.getByTestId('case-create-customer')).toHaveCount(0);
  await create.getByTestId('case-create-name').fill('Suspicious invoice e-mail');
  await create.getByTestId('case-create-description').fill('j.doe clicked a link in an invoice mail from an unknown sender.');
  await screen(page, testInfo, 'portal-case-new');
  await create.getByRole('button', { name: 'Create case' }).click();
  await expect(page).toHaveURL(/\/portal\/cases\/\d+$/);
  const caseId = Number(/\/cases\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { name: 'Suspicious invoice e-mail' })).toBeVisible();
  await expect(page.getByTestId('case-status')).toHaveText('Open');
  await expect(page.getByTestId('case-description')).toContainText('invoice mail from an unknown sender');

  // The template's tasks, read-only.
  await page.getByRole('tab', { name: /^Tasks \(2\)/ }).click();
  await expect(page.locator('pt-case-tasks')).toContainText('Acknowledge the request');
  await expect(page.locator('pt-case-tasks')).toContainText('Decide whether each alert needs containment.');
  await expect(page.locator('pt-case-tasks button')).toHaveCount(0);

  // Link one of its own alerts through the picker; the other organisation's alert is never offered.
  await page.getByRole('tab', { name: /^Alerts \(0\)/ }).click();
  await page.getByTestId('case-link-alerts').click();
  const picker = page.getByRole('dialog');
  await expect(picker.getByTestId(`case-link-option-${travel}`)).toBeVisible();
  await expect(picker.getByText('Alert of another organisation')).toHaveCount(0);
  await picker.getByTestId('case-link-search').fill('phishing');
  await expect(picker.getByTestId(`case-link-option-${travel}`)).toHaveCount(0);
  await picker.getByTestId(`case-link-option-${phishing}`).click();
  await expect(picker.getByTestId(`case-link-option-${phishing}`)).toHaveAttribute('aria-selected', 'true');
  await screen(page, testInfo, 'portal-case-link');
  await picker.getByRole('button', { name: 'Link 1 alert' }).click();
  await expect(picker).toHaveCount(0);
  const linked = page.getByTestId(`case-alert-${phishing}`);
  await expect(linked).toContainText('Phishing link clicked by j.doe');
  await expect(linked).toContainText(`by ${account.username}`);
  await expect(page.getByRole('tab', { name: /^Alerts \(1\)/ })).toBeVisible();

  // Comment.
  await page.getByRole('tab', { name: /^Comments/ }).click();
  await page.getByTestId('comment-body').fill('The mail came from billing@invoices-example.net. Nobody else got it.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.locator('ui-comments')).toContainText('Nobody else got it.');
  await expect(page.getByRole('tab', { name: /^Comments \(1\)/ })).toBeVisible();

  // Upload a small file, see it listed with its size, and download it back.
  const content = 'billing@invoices-example.net\nhttps://invoices-example.net/pay\n';
  await page.getByRole('tab', { name: /^Files$/ }).click();
  await page.getByTestId('file-input').setInputFiles({ name: 'ioc-list.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  const row = page.getByTestId('case-file-ioc-list.txt');
  await expect(row).toContainText(`${Buffer.byteLength(content)} B`);
  await expect(row).toContainText(`by ${account.username}`);
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Download ioc-list.txt' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('ioc-list.txt');
  expect(await readFile(await download.path(), 'utf8')).toBe(content);
  await screen(page, testInfo, 'portal-case-files');

  // The SOC renames the case meanwhile: the customer's stale status change is refused, then goes through after a reload.
  const rename = await request.patch(`/api/incidents/cases/${caseId}`, {
    headers,
    data: { name: 'Suspicious invoice e-mail (phishing)' },
  });
  expect(rename.status(), await rename.text()).toBe(200);
  await page.getByTestId('case-status-toggle').getByText('In progress').click();
  await expect(page.getByTestId('case-stale')).toContainText('changed by someone else');
  await expect(page.getByTestId('case-status')).toHaveText('Open');
  await screen(page, testInfo, 'portal-case-stale');
  await page.getByTestId('case-stale').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Suspicious invoice e-mail (phishing)' })).toBeVisible();
  await page.getByTestId('case-status-toggle').getByText('In progress').click();
  await expect(page.getByTestId('case-status')).toHaveText('In progress');
  await expect(page.getByTestId('case-stale')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const history = page.getByTestId('case-timeline');
  await expect(history).toContainText(`${account.username} created the case`);
  await expect(history).toContainText(`${account.username} linked alert #${phishing} “Phishing link clicked by j.doe”`);
  await expect(history).toContainText(`${account.username} commented: “The mail came from billing@invoices-example.net.`);
  await expect(history).toContainText(`${account.username} uploaded “ioc-list.txt”`);
  await expect(history).toContainText('admin renamed the case to “Suspicious invoice e-mail (phishing)”');
  await expect(history).toContainText(`${account.username} changed status from Open to In progress`);
  // The files tab's content leaves once the tab change has finished sliding.
  await expect(page.locator('pt-case-files')).toHaveCount(0);
  await screen(page, testInfo, 'portal-case-detail');

  // The api agrees.
  const stored = await request.get(`/api/incidents/cases/${caseId}`, { headers });
  expect(((await stored.json()) as { status: string }).status).toBe('IN_PROGRESS');

  // The list, with its status filter in the URL.
  await page.getByRole('button', { name: 'Back to cases' }).click();
  await expect(page).toHaveURL(/\/portal\/cases$/);
  const rows = page.getByRole('row').filter({ has: page.locator('td') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Suspicious invoice e-mail (phishing)');
  await expect(rows.first().locator('ui-status-chip')).toHaveText('In progress');
  await expect(page.getByText('Case of another organisation')).toHaveCount(0);
  await screen(page, testInfo, 'portal-cases');
  await page.getByTestId('case-status-chips').getByRole('option', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/status=CLOSED/);
  await expect(page.getByText('No cases match')).toBeVisible();

  // Another organisation's case id answers like a missing one.
  await page.goto(`/portal/cases/${foreignCase}`);
  await expect(page.getByTestId('case-not-found')).toContainText('This case does not exist or is not one of yours.');
  await expect(page.getByText('Case of another organisation')).toHaveCount(0);
  await screen(page, testInfo, 'portal-case-not-found');
});
