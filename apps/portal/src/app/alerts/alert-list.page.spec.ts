import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SessionService } from '@copilot/ui';
import { alertDetail } from '@copilot/ui/testing';
import { AlertListPage, PORTAL_ALERT_PAGE_SIZE } from './alert-list.page';
import { PortalAlertsData } from './alerts-data.service';

describe('portal AlertListPage', () => {
  let data: { list: jest.Mock; counts: jest.Mock };

  async function open(url: string, customers: { customerCode: string; name: string }[]) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'alerts', component: AlertListPage }]),
        { provide: PortalAlertsData, useValue: data },
        { provide: SessionService, useValue: { user: signal({ id: 5, customers }) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AlertListPage);
    await harness.fixture.whenStable();
    harness.detectChanges();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  beforeEach(() => {
    data = {
      list: jest.fn().mockResolvedValue({
        items: [alertDetail(3, { title: 'Phishing mail reported', customerCode: 'acme-eu' })],
        nextCursor: null,
      }),
      counts: jest.fn().mockResolvedValue({ OPEN: 1, IN_PROGRESS: 0, CLOSED: 2, total: 3 }),
    };
  });

  it('loads with the URL filters and names the organisation when the user has several', async () => {
    const { element } = await open('/alerts?status=OPEN&severity=High&customer=acme-eu', [
      { customerCode: 'acme', name: 'Acme Corp' },
      { customerCode: 'acme-eu', name: 'Acme Europe' },
    ]);

    const filter = { status: ['OPEN'], severity: ['High'], customerCode: 'acme-eu', title: '' };
    expect(data.list).toHaveBeenCalledWith(filter, null, PORTAL_ALERT_PAGE_SIZE);
    expect(data.counts).toHaveBeenCalledWith(filter);
    const row = element.querySelector('tr.mat-mdc-row');
    expect(row?.textContent).toContain('Phishing mail reported');
    expect(row?.textContent).toContain('Acme Europe');
    expect(row?.querySelector('ui-severity-chip')?.textContent).toContain('High');
    expect(element.querySelector('[data-testid="alert-customer-filter"]')).not.toBeNull();
  });

  it('shows no organisation column or filter for a single organisation, and puts a status pick in the URL', async () => {
    const { harness, element } = await open('/alerts', [{ customerCode: 'acme-eu', name: 'Acme Europe' }]);

    expect(element.querySelector('[data-testid="alert-customer-filter"]')).toBeNull();
    expect(element.querySelector('th')?.parentElement?.textContent).not.toContain('Organisation');
    const chips = [...element.querySelectorAll<HTMLElement>('mat-chip-option')];
    expect(chips.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Open 1', 'In progress 0', 'Closed 2']);

    chips[2].querySelector<HTMLElement>('[role="option"]')?.click();
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/alerts?status=CLOSED');
    expect(data.list).toHaveBeenLastCalledWith(
      { status: ['CLOSED'], severity: [], customerCode: null, title: '' },
      null,
      PORTAL_ALERT_PAGE_SIZE,
    );
  });

  it('says when nothing has been detected', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null });

    const { element } = await open('/alerts', [{ customerCode: 'acme', name: 'Acme Corp' }]);

    expect(element.textContent).toContain('Nothing has been detected for your organisation.');
  });
});
