import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier, SessionService } from '@copilot/ui';
import { of } from 'rxjs';
import { CustomerSearch } from '../shared/customer-search.service';
import { caseDetail, caseSummary } from '@copilot/ui/testing';
import { CaseListPage } from './case-list.page';
import { CasesData } from './cases-data.service';

describe('CaseListPage', () => {
  let data: { list: jest.Mock; counts: jest.Mock; assignable: jest.Mock };
  let dialog: { open: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'cases', component: CaseListPage },
          { path: 'cases/:id', children: [] },
        ]),
        { provide: CasesData, useValue: data },
        { provide: MatDialog, useValue: dialog },
        { provide: Notifier, useValue: notifier },
        { provide: SessionService, useValue: { user: signal({ id: 1 }), scopes: signal(['analyst']) } },
        {
          provide: CustomerSearch,
          useValue: { search: jest.fn().mockResolvedValue([]), nameOf: jest.fn().mockResolvedValue(null), label: (c: string | null) => c ?? '' },
        },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseListPage);
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
    data = {
      list: jest.fn(),
      counts: jest.fn().mockResolvedValue({ OPEN: 7, IN_PROGRESS: 3, CLOSED: 12, total: 22 }),
      assignable: jest.fn().mockResolvedValue([
        { id: 1, username: 'me', displayName: null },
        { id: 2, username: 'dana', displayName: 'Dana Scully' },
      ]),
    };
    dialog = { open: jest.fn() };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('loads with the filters from the URL and shows each case with its status, assignee and alert count', async () => {
    data.list.mockResolvedValue({
      items: [
        caseSummary(9, { name: 'Phishing wave', status: 'IN_PROGRESS', assigneeId: 2, alertCount: 3, escalated: true }),
        caseSummary(8, { name: 'Old scan' }),
      ],
      nextCursor: null,
      total: 2,
    });

    const { element } = await open('/cases?status=OPEN,IN_PROGRESS,BOGUS&assignee=2&customer=acme&q=phish');

    expect(data.list).toHaveBeenCalledWith(
      { status: ['OPEN', 'IN_PROGRESS'], assignee: '2', customerCode: 'acme', text: 'phish' },
      null,
      50,
    );
    const rows = element.querySelectorAll('tr.mat-mdc-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Phishing wave');
    expect(rows[0].textContent).toContain('In progress');
    expect(rows[0].textContent).toContain('Dana Scully');
    expect(rows[0].querySelector('[aria-label="Escalated"]')).not.toBeNull();
    expect(rows[1].textContent).toContain('Unassigned');
    expect(element.querySelector('[data-testid="case-count"]')?.textContent).toContain('Showing 2 of 2');
    // The chips count under the same filters, status aside.
    expect(data.counts).toHaveBeenCalledWith({ status: ['OPEN', 'IN_PROGRESS'], assignee: '2', customerCode: 'acme', text: 'phish' });
    const chips = element.querySelector('[data-testid="case-status-chips"]')?.textContent ?? '';
    expect(chips).toMatch(/Open\s*7/);
    expect(chips).toMatch(/Closed\s*12/);
  });

  it('appends the next page on "Load more"', async () => {
    data.list
      .mockResolvedValueOnce({ items: [caseSummary(9)], nextCursor: 'c2', total: 2 })
      .mockResolvedValueOnce({ items: [caseSummary(3)], nextCursor: null, total: 2 });
    const { harness, element } = await open('/cases');

    [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Load more'))?.click();
    await settle(harness);

    expect(data.list).toHaveBeenLastCalledWith({ status: [], assignee: null, customerCode: null, text: '' }, 'c2', 50);
    expect(element.querySelectorAll('tr.mat-mdc-row')).toHaveLength(2);
    expect([...element.querySelectorAll('button')].some((b) => b.textContent?.includes('Load more'))).toBe(false);
  });

  it('tells "no cases yet" apart from "nothing matches"', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });

    const first = await open('/cases');
    expect(first.element.textContent).toContain('No cases yet');

    await first.harness.navigateByUrl('/cases?assignee=unassigned');
    await settle(first.harness);
    expect(first.element.textContent).toContain('No cases match');
  });

  it('puts a status pick into the URL', async () => {
    data.list.mockResolvedValue({ items: [caseSummary(1)], nextCursor: null, total: 1 });
    const { harness, element } = await open('/cases');

    [...element.querySelectorAll<HTMLElement>('mat-chip-option')][2].querySelector<HTMLElement>('[role="option"]')?.click();
    await settle(harness);

    expect(TestBed.inject(Router).url).toBe('/cases?status=CLOSED');
    expect(data.list).toHaveBeenLastCalledWith(expect.objectContaining({ status: ['CLOSED'] }), null, 50);
  });

  it('opens the new case and says which template was applied', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });
    dialog.open.mockReturnValue({
      afterClosed: () =>
        of(caseDetail(12, { template: { id: 4, name: 'Phishing playbook' }, tasks: [], alerts: [] })),
    });
    const { harness } = await open('/cases?customer=acme');

    [...(harness.routeNativeElement as HTMLElement).querySelectorAll('button')].find((b) => b.textContent?.includes('New case'))?.click();
    await settle(harness);

    expect(dialog.open.mock.calls[0][1].data).toEqual({ customerCode: 'acme' });
    expect(notifier.success).toHaveBeenCalledWith('Case #12 created with the template “Phishing playbook” (0 tasks).');
    expect(TestBed.inject(Router).url).toBe('/cases/12');
  });
});
