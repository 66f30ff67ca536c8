import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SessionService } from '@copilot/ui';
import { of } from 'rxjs';
import { caseDetail, caseSummary } from '@copilot/ui/testing';
import { CaseListPage, PORTAL_CASE_PAGE_SIZE } from './case-list.page';
import { PortalCasesData } from './cases-data.service';

type Customers = { customerCode: string; name: string }[];

describe('portal CaseListPage', () => {
  let data: { list: jest.Mock; counts: jest.Mock };
  let dialog: { open: jest.Mock };

  async function open(url: string, customers: Customers) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'cases', component: CaseListPage },
          { path: 'cases/:id', children: [] },
        ]),
        { provide: PortalCasesData, useValue: data },
        { provide: SessionService, useValue: { user: signal({ id: 5, customers }) } },
        { provide: MatDialog, useValue: dialog },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseListPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function button(element: HTMLElement, text: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes(text));
    if (!found) {
      throw new Error(`${text} button missing`);
    }
    return found;
  }

  beforeEach(() => {
    data = {
      list: jest.fn().mockResolvedValue({
        items: [caseSummary(4, { name: 'Phishing wave in finance', customerCode: 'acme-eu', alertCount: 2 })],
        nextCursor: null,
        total: 1,
      }),
      counts: jest.fn().mockResolvedValue({ OPEN: 1, IN_PROGRESS: 0, CLOSED: 4, total: 5 }),
    };
    dialog = { open: jest.fn() };
  });

  it('loads with the URL filters and names the organisation when the user has several', async () => {
    const { element } = await open('/cases?status=OPEN,IN_PROGRESS&q=phish&customer=acme-eu', [
      { customerCode: 'acme', name: 'Acme Corp' },
      { customerCode: 'acme-eu', name: 'Acme Europe' },
    ]);

    expect(data.list).toHaveBeenCalledWith(
      { status: ['OPEN', 'IN_PROGRESS'], customerCode: 'acme-eu', name: 'phish' },
      null,
      PORTAL_CASE_PAGE_SIZE,
    );
    const row = element.querySelector('tr.mat-mdc-row');
    expect(row?.textContent).toContain('Phishing wave in finance');
    expect(row?.textContent).toContain('Acme Europe');
    expect(row?.querySelector('ui-status-chip')?.textContent).toContain('Open');
    expect(element.querySelector('[data-testid="case-total"]')?.textContent?.trim()).toBe('1 case');
    expect(element.querySelector<HTMLInputElement>('[data-testid="case-name-filter"]')?.value).toBe('phish');
    expect(element.querySelector('[data-testid="case-customer-filter"]')).not.toBeNull();
    expect(data.counts).toHaveBeenCalledWith({ status: ['OPEN', 'IN_PROGRESS'], customerCode: 'acme-eu', name: 'phish' });
    expect(element.querySelector('[data-testid="case-status-chips"]')?.textContent).toMatch(/Closed\s*4/);
  });

  it('puts a status pick in the URL and shows no organisation for a single one', async () => {
    const { harness, element } = await open('/cases', [{ customerCode: 'acme', name: 'Acme Corp' }]);

    expect(element.querySelector('[data-testid="case-customer-filter"]')).toBeNull();
    expect(element.querySelector('tr')?.textContent).not.toContain('Organisation');
    const chips = [...element.querySelectorAll<HTMLElement>('mat-chip-option')];
    chips[1].querySelector<HTMLElement>('[role="option"]')?.click();
    await settle(harness);

    expect(TestBed.inject(Router).url).toBe('/cases?status=IN_PROGRESS');
    expect(data.list).toHaveBeenLastCalledWith(
      { status: ['IN_PROGRESS'], customerCode: null, name: '' },
      null,
      PORTAL_CASE_PAGE_SIZE,
    );
  });

  it('appends the next page on "Load more"', async () => {
    data.list
      .mockResolvedValueOnce({ items: [caseSummary(9)], nextCursor: 'c2', total: 2 })
      .mockResolvedValueOnce({ items: [caseSummary(3)], nextCursor: null });
    const { harness, element } = await open('/cases', [{ customerCode: 'acme', name: 'Acme Corp' }]);

    button(element, 'Load more').click();
    await settle(harness);

    expect(data.list).toHaveBeenLastCalledWith({ status: [], customerCode: null, name: '' }, 'c2', PORTAL_CASE_PAGE_SIZE);
    expect([...element.querySelectorAll('tr.mat-mdc-row')].map((r) => r.querySelector('a')?.textContent)).toEqual([
      'Case 9',
      'Case 3',
    ]);
    expect(element.textContent).not.toContain('Load more');
  });

  it('says when there are no cases, and opens a new one from the dialog', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });
    dialog.open.mockReturnValue({ afterClosed: () => of(caseDetail(12)) });
    const customers = [{ customerCode: 'acme', name: 'Acme Corp' }];
    const { harness, element } = await open('/cases', customers);

    expect(element.textContent).toContain('No cases yet');
    button(element, 'New case').click();
    await settle(harness);

    expect(dialog.open.mock.calls[0][1].data).toEqual({ customers, customerCode: null });
    expect(TestBed.inject(Router).url).toBe('/cases/12');
  });

  it('offers no new case to an account without an organisation', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });
    const { element } = await open('/cases', []);

    expect(button(element, 'New case').disabled).toBe(true);
  });
});
