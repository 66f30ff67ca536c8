import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ConfirmService, Notifier } from '@copilot/ui';
import { AlertSourcesData } from './alert-sources-data.service';
import { alertSource } from './source-fixtures';
import { SourceListPage } from './source-list.page';

describe('SourceListPage', () => {
  let data: { list: jest.Mock; runNow: jest.Mock; remove: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };
  let confirm: jest.Mock;

  const failing = alertSource(1, {
    name: 'wazuh-main',
    status: {
      ...alertSource(1).status,
      lastPassAt: '2026-03-10T09:00:00Z',
      lastPassStatus: 'failed',
      lastPassError: 'Wazuh-Indexer is not configured',
      docsRead: 1200,
      alertsCreated: 40,
      alertsBumped: 1100,
      unattributed: 60,
      unattributedSamples: [{ index: 'wazuh-alerts-4.x-2026.03.10', id: 'doc-9', reason: 'no customer field present', at: '2026-03-10T08:59:00Z' }],
    },
  });

  async function open(): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'alert-sources', component: SourceListPage }]),
        { provide: AlertSourcesData, useValue: data },
        { provide: Notifier, useValue: notifier },
        { provide: ConfirmService, useValue: { confirm } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/alert-sources', SourceListPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await harness.fixture.whenStable();
      harness.detectChanges();
    }
  }

  beforeEach(() => {
    data = { list: jest.fn(), runNow: jest.fn(), remove: jest.fn().mockResolvedValue(undefined) };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
    confirm = jest.fn().mockResolvedValue(true);
  });

  it('shows each source with its last pass, error and counters', async () => {
    data.list.mockResolvedValue([failing, alertSource(2, { name: 'graylog', enabled: false })]);

    const { element } = await open();

    const row = element.querySelector('[data-testid="source-wazuh-main"]');
    expect(row?.textContent).toContain('wazuh-alerts-*');
    expect(row?.textContent).toContain('Enabled');
    expect(row?.querySelector('[data-testid="source-pass-wazuh-main"]')?.textContent).toContain('Failed');
    expect(row?.textContent).toContain('Wazuh-Indexer is not configured');
    expect(row?.textContent).toContain('1,200');
    expect(row?.textContent).toContain('1,100');
    const other = element.querySelector('[data-testid="source-graylog"]');
    expect(other?.textContent).toContain('Disabled');
    expect(other?.textContent).toContain('Not run yet');
  });

  it('shows the unattributed samples on expand', async () => {
    data.list.mockResolvedValue([failing]);
    const { harness, element } = await open();

    expect(element.textContent).not.toContain('doc-9');
    element.querySelector<HTMLButtonElement>('[data-testid="source-unattributed-wazuh-main"]')?.click();
    await settle(harness);

    expect(element.querySelector('.samples')?.textContent).toContain('doc-9');
    expect(element.querySelector('.samples')?.textContent).toContain('no customer field present');
  });

  it('runs a pass, says how it went and reloads the statuses', async () => {
    data.list.mockResolvedValueOnce([alertSource(1)]).mockResolvedValueOnce([failing]);
    data.runNow.mockResolvedValue({ status: 'failed', error: 'wazuh-main: failed (Wazuh-Indexer is not configured)' });
    const { harness, element } = await open();

    element.querySelector<HTMLButtonElement>('[data-testid="sources-run-now"]')?.click();
    await settle(harness);

    expect(data.runNow).toHaveBeenCalled();
    expect(notifier.warn).toHaveBeenCalledWith('Ingestion pass failed: wazuh-main: failed (Wazuh-Indexer is not configured)');
    expect(data.list).toHaveBeenCalledTimes(2);
    expect(element.textContent).toContain('Wazuh-Indexer is not configured');
  });

  it('deletes a source only after the user confirms', async () => {
    data.list.mockResolvedValue([alertSource(1)]);
    confirm.mockResolvedValueOnce(false);
    const { harness, element } = await open();

    element.querySelector<HTMLButtonElement>('[aria-label="Delete source"]')?.click();
    await settle(harness);
    expect(data.remove).not.toHaveBeenCalled();

    element.querySelector<HTMLButtonElement>('[aria-label="Delete source"]')?.click();
    await settle(harness);
    expect(data.remove).toHaveBeenCalledWith(1);
    expect(notifier.success).toHaveBeenCalledWith('Alert source “source-1” deleted.');
  });
});
