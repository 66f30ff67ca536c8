import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SessionService } from '@copilot/ui';
import { EMPTY_FILTER } from './alert-filter';
import { alertSummary } from '@copilot/ui/testing';
import { ALERT_PAGE_SIZE, AlertListPage } from './alert-list.page';
import { AlertsData } from './alerts-data.service';

@Component({ selector: 'cp-stub', template: '' })
class StubPage {}

describe('AlertListPage', () => {
  let data: { list: jest.Mock; counts: jest.Mock; assignable: jest.Mock; searchCustomers: jest.Mock };

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'alerts', component: AlertListPage },
          { path: 'alerts/:id', component: StubPage },
        ]),
        { provide: AlertsData, useValue: data },
        { provide: SessionService, useValue: { user: signal({ id: 1 }), scopes: signal(['analyst']) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AlertListPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function rows(element: HTMLElement): HTMLElement[] {
    return [...element.querySelectorAll<HTMLElement>('tr.mat-mdc-row')];
  }

  beforeEach(() => {
    data = {
      list: jest.fn(),
      counts: jest.fn().mockResolvedValue({ OPEN: 2, IN_PROGRESS: 1, CLOSED: 4, total: 7 }),
      assignable: jest.fn().mockResolvedValue([{ id: 2, username: 'dana', displayName: 'Dana Scully' }]),
      searchCustomers: jest.fn().mockResolvedValue([]),
    };
  });

  it('loads with the URL filters and shows each alert with severity, occurrences and assignee', async () => {
    data.list.mockResolvedValue({
      items: [
        alertSummary(9, { title: 'Brute force on vpn-1', severity: 'Critical', occurrences: 5, assigneeId: 2, tags: ['vpn'] }),
        alertSummary(4, { title: 'Port scan', severity: 'Low' }),
      ],
      nextCursor: null,
    });

    const { element } = await open('/alerts?status=OPEN,IN_PROGRESS&customer=acme&assignee=unassigned&verdict=UNTRIAGED');

    const filter = {
      ...EMPTY_FILTER,
      status: ['OPEN', 'IN_PROGRESS'],
      customerCode: 'acme',
      assignee: 'unassigned',
      verdict: 'UNTRIAGED',
    };
    expect(data.list).toHaveBeenCalledWith(filter, null, ALERT_PAGE_SIZE, expect.any(Date));
    expect(data.counts).toHaveBeenCalledWith(filter, expect.any(Date));
    const [first, second] = rows(element);
    expect(first.querySelector('ui-severity-chip')?.textContent).toContain('Critical');
    expect(first.textContent).toContain('×5');
    expect(first.textContent).toContain('Dana Scully');
    expect(first.textContent).toContain('vpn');
    expect(second.textContent).not.toContain('×');
    expect(second.textContent).toContain('Unassigned');
    expect(element.textContent).toContain('Showing 2 of 3');
  });

  it('shows the count of each status on its chip and puts a picked status into the URL', async () => {
    data.list.mockResolvedValue({ items: [alertSummary(1)], nextCursor: null });
    const { harness, element } = await open('/alerts');

    const chips = [...element.querySelectorAll<HTMLElement>('mat-chip-option')];
    expect(chips.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Open 2', 'In progress 1', 'Closed 4']);

    chips[2].querySelector<HTMLElement>('[role="option"]')?.click();
    await settle(harness);

    expect(TestBed.inject(Router).url).toBe('/alerts?status=CLOSED');
    expect(data.list).toHaveBeenLastCalledWith({ ...EMPTY_FILTER, status: ['CLOSED'] }, null, ALERT_PAGE_SIZE, expect.any(Date));
    // The counts do not depend on the status filter: no second request.
    expect(data.counts).toHaveBeenCalledTimes(1);
  });

  it('appends the next page on "Load more", with the same time anchor', async () => {
    data.list
      .mockResolvedValueOnce({ items: [alertSummary(9)], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [alertSummary(4, { title: 'Older one' })], nextCursor: null });
    const { harness, element } = await open('/alerts?range=24h');

    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Load more'))?.click();
    await settle(harness);

    expect(data.list).toHaveBeenLastCalledWith(expect.anything(), 'c1', ALERT_PAGE_SIZE, data.list.mock.calls[0][3]);
    expect(rows(element)).toHaveLength(2);
    expect(rows(element)[1].textContent).toContain('Older one');
    expect(element.textContent).not.toContain('Load more');
  });

  it('opens the detail when a row is clicked, remembering the filtered list to go back to', async () => {
    data.list.mockResolvedValue({ items: [alertSummary(9)], nextCursor: null });
    const { harness, element } = await open('/alerts?status=OPEN');

    rows(element)[0].click();
    await settle(harness);

    const router = TestBed.inject(Router);
    expect(router.url).toBe('/alerts/9');
    expect(router.lastSuccessfulNavigation()?.extras.state).toEqual({ back: '/alerts?status=OPEN' });
  });

  it('tells an empty queue from a filter that matches nothing', async () => {
    data.list.mockResolvedValue({ items: [], nextCursor: null });

    expect((await open('/alerts')).element.textContent).toContain('No alerts yet');
    TestBed.resetTestingModule();
    expect((await open('/alerts?severity=Critical')).element.textContent).toContain('No alerts match');
  });

  it('shows the problem the api reported', async () => {
    data.list.mockRejectedValue(
      new HttpErrorResponse({
        status: 400,
        error: {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'customerCode must be an existing customer code',
        },
      }),
    );

    const { element } = await open('/alerts?customer=nobody');

    expect(element.textContent).toContain('Alerts could not be loaded');
    expect(element.textContent).toContain('customerCode must be an existing customer code');
    expect(element.querySelector('table')).toBeNull();
  });
});
