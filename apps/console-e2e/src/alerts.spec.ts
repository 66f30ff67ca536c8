import { APIRequestContext, expect, test } from '@playwright/test';
import { ADMIN, apiToken, screen, seedConsoleUser, signIn, signInAdmin, uniqueSuffix } from './support/app';

const suffix = uniqueSuffix();
const north = { customerCode: `north-${suffix}`, name: `North Shipping ${suffix}` };
const south = { customerCode: `south-${suffix}`, name: `South Clinics ${suffix}` };
const analyst = { username: `triage.${suffix}`, password: `Triage-${suffix}-passphrase`, role: 'analyst' as const };
const titles = {
  bruteForce: `Brute force on vpn-gw-${suffix}`,
  beacon: `Malware beacon from ws-12-${suffix}`,
  portScan: `Port scan against dmz-${suffix}`,
  travel: `Impossible travel for j.doe-${suffix}`,
};
const asset = `vpn-gw-${suffix}`;
const attacker = '203.0.113.77';
const ids: Record<keyof typeof titles, number> = { bruteForce: 0, beacon: 0, portScan: 0, travel: 0 };

async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await apiToken(request, ADMIN.username, ADMIN.password)}` };
}

interface PushedAlert {
  title: string;
  severity: string;
  customerCode: string;
  firstEventAt: string;
  source?: string;
  asset?: string;
  ruleId?: string;
  iocs?: { type: 'IP' | 'DOMAIN' | 'HASH' | 'URL'; value: string }[];
}

/** Pushes an alert as a tool would; `expected` is 201 for a new alert, 200 when it repeats one (dedup). */
async function createAlert(
  request: APIRequestContext,
  headers: Record<string, string>,
  body: PushedAlert,
  expected = 201,
): Promise<number> {
  const response = await request.post('/api/incidents/alerts', {
    headers,
    data: { source: 'wazuh', description: 'Raised by rule 5712 on the agent.', ...body },
  });
  expect(response.status(), await response.text()).toBe(expected);
  return ((await response.json()) as { id: number }).id;
}

test.beforeAll(async ({ request }) => {
  await seedConsoleUser(request, analyst);
  const headers = await adminHeaders(request);
  for (const customer of [north, south]) {
    const response = await request.post('/api/customers', { headers, data: customer });
    expect(response.ok(), await response.text()).toBe(true);
  }
  ids.portScan = await createAlert(request, headers, {
    title: titles.portScan,
    severity: 'Low',
    customerCode: south.customerCode,
    firstEventAt: '2026-01-15T07:00:00Z',
    source: 'graylog',
  });
  ids.beacon = await createAlert(request, headers, {
    title: titles.beacon,
    severity: 'Critical',
    customerCode: north.customerCode,
    firstEventAt: '2026-01-15T08:00:00Z',
  });
  const bruteForce: PushedAlert = {
    title: titles.bruteForce,
    severity: 'High',
    customerCode: north.customerCode,
    firstEventAt: '2026-01-15T08:30:00Z',
    asset: asset,
    ruleId: '5712',
    iocs: [{ type: 'IP', value: attacker }],
  };
  ids.bruteForce = await createAlert(request, headers, bruteForce);
  // The same rule on the same asset a few minutes later is another occurrence of that alert, not a new one.
  expect(await createAlert(request, headers, { ...bruteForce, firstEventAt: '2026-01-15T08:34:00Z' }, 200)).toBe(ids.bruteForce);
  ids.travel = await createAlert(request, headers, {
    title: titles.travel,
    severity: 'Medium',
    customerCode: south.customerCode,
    firstEventAt: '2026-01-15T09:00:00Z',
  });
  const started = await request.patch(`/api/incidents/alerts/${ids.beacon}`, { headers, data: { status: 'IN_PROGRESS' } });
  expect(started.ok(), await started.text()).toBe(true);
});

test('an analyst filters the queue, then triages, comments on and closes an alert', async ({ page }, testInfo) => {
  await signIn(page, '/login', analyst.username, analyst.password);
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  const rows = page.getByRole('row').filter({ hasText: suffix });
  await expect(rows).toHaveCount(4);
  // Newest event first.
  await expect(rows.first()).toContainText(titles.travel);

  await page.getByTestId('alert-customer-filter').fill(north.customerCode);
  await page.getByRole('option', { name: new RegExp(north.name) }).click();
  await expect(page).toHaveURL(new RegExp(`customer=${north.customerCode}`));
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('row').filter({ hasText: titles.portScan })).toHaveCount(0);
  const chips = page.getByTestId('alert-status-chips');
  await expect(chips.getByRole('option', { name: /Open/ })).toContainText('1');
  await expect(chips.getByRole('option', { name: /In progress/ })).toContainText('1');

  await chips.getByRole('option', { name: /In progress/ }).click();
  await expect(page).toHaveURL(/status=IN_PROGRESS/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(titles.beacon);
  await expect(rows.first().locator('ui-severity-chip')).toHaveText('Critical');

  await chips.getByRole('option', { name: /In progress/ }).click();
  await chips.getByRole('option', { name: /Open/ }).click();
  await expect(page).toHaveURL(/status=OPEN/);
  await expect(page).not.toHaveURL(/IN_PROGRESS/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(titles.bruteForce);
  await expect(rows.first()).toContainText('Unassigned');
  await expect(rows.first()).toContainText('×2');
  await screen(page, testInfo, '19-console-alerts-filtered');

  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${ids.bruteForce}$`));
  await expect(page.getByRole('heading', { name: titles.bruteForce })).toBeVisible();
  await expect(page.getByTestId('alert-severity')).toHaveText('High');
  await expect(page.getByTestId('alert-status')).toHaveText('Open');
  await expect(page.getByTestId('alert-customer')).toHaveText(`${north.name} (${north.customerCode})`);
  // Event times in the browser's zone (the config runs Chromium in Europe/Berlin).
  await expect(page.getByText('Jan 15, 2026, 09:30:00 GMT+1').first()).toBeVisible();
  await expect(page.getByTestId('alert-occurrences')).toHaveText('2');
  await expect(page.getByTestId('alert-assets')).toContainText(asset);
  await expect(page.getByTestId('alert-iocs')).toContainText(attacker);

  const triage = page.locator('cp-alert-triage');
  const timeline = page.getByTestId('alert-timeline');
  await triage.getByTestId('triage-status').getByText('In progress').click();
  await expect(page.getByTestId('alert-status')).toHaveText('In progress');
  await expect(timeline).toContainText(`${analyst.username} changed status from Open to In progress`);

  await triage.getByTestId('triage-assignee').click();
  await page.getByRole('option', { name: analyst.username }).click();
  await expect(page.getByTestId('alert-assignee')).toHaveText(analyst.username);
  await expect(timeline).toContainText(`assigned ${analyst.username}`);

  await triage.getByTestId('verdict-select').click();
  await page.getByRole('option', { name: 'False positive', exact: true }).click();
  await triage.getByRole('button', { name: 'Save verdict' }).click();
  await expect(triage.getByText('Choose why this is a false positive.')).toBeVisible();
  await expect(page.getByTestId('alert-verdict')).toHaveCount(0);
  await triage.getByTestId('verdict-reason').click();
  await page.getByRole('option', { name: 'Known application' }).click();
  await triage.getByLabel('Note').fill('Nightly backup job logs in with a stale password');
  await triage.getByRole('button', { name: 'Save verdict' }).click();
  await expect(page.getByTestId('alert-verdict')).toHaveText('False positive (Known application)');
  await expect(page.getByText('Verdict note: Nightly backup job logs in with a stale password')).toBeVisible();
  await expect(timeline).toContainText('set the verdict to False positive (Known application)');

  await triage.getByTestId('tag-input').fill('Backup-Job');
  await triage.getByTestId('tag-input').press('Enter');
  await expect(triage.getByTestId('tag-backup-job')).toBeVisible();
  await expect(timeline).toContainText('added tag “backup-job”');

  await page.getByTestId('comment-body').fill('Confirmed with the customer: the backup service account.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.locator('ui-comments article')).toContainText(
    'Confirmed with the customer: the backup service account.',
  );
  await expect(page.getByTestId('comment-body')).toHaveValue('');
  await expect(timeline).toContainText('commented: “Confirmed with the customer: the backup service account.”');

  await triage.getByTestId('triage-status').getByText('Closed').click();
  await expect(page.getByTestId('alert-status')).toHaveText('Closed');
  await expect(timeline).toContainText('changed status from In progress to Closed');
  await page.reload();
  await expect(page.getByTestId('alert-verdict')).toHaveText('False positive (Known application)');
  await expect(page.getByTestId('alert-status')).toHaveText('Closed');
  await screen(page, testInfo, '20-console-alert-detail');
  await timeline.scrollIntoViewIfNeeded();
  await screen(page, testInfo, '21-console-alert-timeline');

  await page.getByRole('button', { name: 'Back to alerts' }).click();
  await expect(page).toHaveURL(/\/alerts\?/);
  await expect(page).toHaveURL(new RegExp(`customer=${north.customerCode}`));
  await expect(page.getByRole('row').filter({ hasText: suffix })).toHaveCount(0);
  await expect(page.getByText('No alerts match')).toBeVisible();
  await page
    .getByTestId('alert-status-chips')
    .getByRole('option', { name: /Closed/ })
    .click();
  await expect(page.getByRole('row').filter({ hasText: titles.bruteForce })).toContainText('False positive');

  await page.goto('/alerts?verdict=FALSE_POSITIVE&tag=backup-job');
  await expect(page.getByRole('row').filter({ hasText: suffix })).toHaveCount(1);

  await page.getByRole('link', { name: titles.bruteForce }).click();
  await page.getByTestId('alert-iocs').getByRole('link', { name: attacker }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts\\?ioc=${attacker.replace(/\./g, '\\.')}$`));
  await expect(page.getByTestId('alert-ioc-filter')).toHaveValue(attacker);
  await expect(page.getByRole('row').filter({ hasText: suffix })).toHaveCount(1);
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('a save over someone else’s change is refused with a reload offer, and an alert can be deleted', async ({
    page,
    request,
  }, testInfo) => {
    await signInAdmin(page);
    await page.goto(`/alerts?customer=${south.customerCode}`);
    await page.getByRole('link', { name: titles.travel }).click();
    await expect(page.getByRole('heading', { name: titles.travel })).toBeVisible();

    const headers = await adminHeaders(request);
    const elsewhere = await request.patch(`/api/incidents/alerts/${ids.travel}`, { headers, data: { severity: 'Critical' } });
    expect(elsewhere.ok(), await elsewhere.text()).toBe(true);

    await page.getByTestId('triage-status').getByText('In progress').click();
    await expect(page.getByTestId('alert-stale')).toContainText('changed by someone else');
    await expect(page.getByTestId('alert-status')).toHaveText('Open');
    await screen(page, testInfo, '22-console-alert-changed-elsewhere-dark');
    await page.getByTestId('alert-stale').getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByTestId('alert-stale')).toHaveCount(0);
    await expect(page.getByTestId('alert-severity')).toHaveText('Critical');
    await page.getByTestId('triage-status').getByText('In progress').click();
    await expect(page.getByTestId('alert-status')).toHaveText('In progress');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: titles.travel })).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(new RegExp(`/alerts\\?customer=${south.customerCode}$`));
    await expect(page.getByText(`Alert #${ids.travel} deleted.`)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: suffix })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: titles.portScan })).toBeVisible();

    await page.goto('/alerts/999999');
    await expect(page.getByText('This alert does not exist or is outside your customers.')).toBeVisible();
  });
});
