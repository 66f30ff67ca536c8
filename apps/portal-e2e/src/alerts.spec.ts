import { APIRequestContext, expect, test } from '@playwright/test';
import { ADMIN, PortalAccount, fillSignIn, screen, seedAccount } from './support/portal';

interface Seeded {
  account: PortalAccount;
  canary: number;
  login: number;
  foreign: number;
}

async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const response = await request.post('/api/auth/token', {
    form: { username: ADMIN.username, password: ADMIN.password, client_id: 'console' },
  });
  expect(response.status(), await response.text()).toBe(200);
  return { Authorization: `Bearer ${((await response.json()) as { access_token: string }).access_token}` };
}

async function createAlert(
  request: APIRequestContext,
  headers: Record<string, string>,
  data: Record<string, string>,
): Promise<number> {
  const response = await request.post('/api/incidents/alerts', { headers, data: { source: 'wazuh', ...data } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

async function seed(request: APIRequestContext): Promise<Seeded> {
  const account = await seedAccount(request, 1);
  const stranger = await seedAccount(request, 1);
  const headers = await adminHeaders(request);
  const own = account.customers[0].customerCode;
  const login = await createAlert(request, headers, {
    title: 'Sign-in from an unusual country for ceo',
    severity: 'High',
    customerCode: own,
    firstEventAt: '2026-02-03T10:00:00Z',
  });
  const canary = await createAlert(request, headers, {
    title: 'Ransomware canary file modified on FS-01',
    severity: 'Critical',
    customerCode: own,
    description: 'The canary file \\\\FS-01\\finance\\~canary.docx was renamed to ~canary.docx.locked.',
    firstEventAt: '2026-02-03T11:00:00Z',
  });
  const foreign = await createAlert(request, headers, {
    title: 'Alert of another organisation',
    severity: 'Low',
    customerCode: stranger.customers[0].customerCode,
    firstEventAt: '2026-02-03T12:00:00Z',
  });
  const note = await request.post(`/api/incidents/alerts/${canary}/comments`, {
    headers,
    data: { body: 'We isolated FS-01. Please confirm nobody ran a bulk rename.' },
  });
  expect(note.ok(), await note.text()).toBe(true);
  return { account, canary, login, foreign };
}

test('a customer user reads their alerts, moves one to in progress, answers the SOC and cannot see other organisations', async ({
  page,
  request,
}, testInfo) => {
  const { account, canary, login, foreign } = await seed(request);

  await page.goto('/portal/login');
  await fillSignIn(page, account.username, account.password);
  await expect(page).toHaveURL(/\/portal\/overview$/);
  await page.getByRole('tab', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/portal\/alerts$/);

  const rows = page.getByRole('row').filter({ has: page.locator('td') });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Ransomware canary file modified on FS-01');
  await expect(rows.first().locator('ui-severity-chip')).toHaveText('Critical');
  await expect(page.getByText('Alert of another organisation')).toHaveCount(0);
  const chips = page.getByTestId('alert-status-chips');
  await expect(chips.getByRole('option', { name: /Open/ })).toContainText('2');

  await page.getByTestId('alert-title-filter').fill('canary');
  await expect(page).toHaveURL(/q=canary/);
  await expect(rows).toHaveCount(1);
  await screen(page, testInfo, 'portal-alerts');

  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`/portal/alerts/${canary}$`));
  await expect(page.getByRole('heading', { name: 'Ransomware canary file modified on FS-01' })).toBeVisible();
  await expect(page.getByText('\\\\FS-01\\finance\\~canary.docx')).toBeVisible();
  await expect(page.locator('ui-comments')).toContainText('We isolated FS-01.');
  await expect(page.getByText('Verdict')).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);

  await page.getByTestId('status-toggle').getByText('In progress').click();
  await expect(page.getByTestId('alert-status')).toHaveText('In progress');
  await page.getByTestId('comment-body').fill('Confirmed: nobody in finance renamed files. Please continue.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.locator('ui-comments')).toContainText('Confirmed: nobody in finance renamed files.');
  const history = page.getByTestId('alert-timeline');
  await expect(history).toContainText(`${account.username} changed status from Open to In progress`);
  await expect(history).toContainText(
    `${account.username} commented: “Confirmed: nobody in finance renamed files. Please continue.”`,
  );
  await screen(page, testInfo, 'portal-alert-detail');

  await page.getByRole('button', { name: 'Back to alerts' }).click();
  await expect(page).toHaveURL(/\/portal\/alerts\?q=canary$/);
  await page.getByTestId('alert-title-filter').fill('');
  await chips.getByRole('option', { name: /Open/ }).click();
  await expect(page).toHaveURL(/status=OPEN/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Sign-in from an unusual country for ceo');
  await expect(page.getByRole('link', { name: 'Sign-in from an unusual country for ceo' })).toHaveAttribute(
    'href',
    `/portal/alerts/${login}`,
  );

  await page.goto(`/portal/alerts/${foreign}`);
  await expect(page.getByText('This alert does not exist or is not one of yours.')).toBeVisible();
});
