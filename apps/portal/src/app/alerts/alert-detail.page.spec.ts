import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier, SessionService } from '@copilot/ui';
import { alertDetail } from '@copilot/ui/testing';
import { AlertDetailPage } from './alert-detail.page';
import { PortalAlertsData } from './alerts-data.service';

describe('portal AlertDetailPage', () => {
  let data: { get: jest.Mock; setStatus: jest.Mock; comment: jest.Mock };

  async function open() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'alerts/:id', component: AlertDetailPage }], withComponentInputBinding()),
        { provide: PortalAlertsData, useValue: data },
        { provide: Notifier, useValue: { success: jest.fn(), warn: jest.fn(), error: jest.fn() } },
        {
          provide: SessionService,
          useValue: { user: signal({ id: 5, customers: [{ customerCode: 'acme', name: 'Acme Corp' }] }) },
        },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/alerts/3', AlertDetailPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function toggle(element: HTMLElement, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>('[data-testid="status-toggle"] button')].find((b) =>
      b.textContent?.includes(label),
    );
    if (!found) {
      throw new Error(`${label} missing`);
    }
    return found;
  }

  beforeEach(() => {
    data = {
      get: jest.fn(),
      setStatus: jest.fn().mockResolvedValue(alertDetail(3)),
      comment: jest.fn().mockResolvedValue(undefined),
    };
  });

  it('shows the alert and lets the customer change only its status', async () => {
    data.get
      .mockResolvedValueOnce(
        alertDetail(3, {
          version: 2,
          assigneeId: 9,
          assets: [{ name: 'fs-01', agentId: '012', indexName: null, indexId: null }],
          iocs: [{ type: 'HASH', value: 'e3b0c44298fc1c149afbf4c8996fb924' }],
        }),
      )
      .mockResolvedValueOnce(
        alertDetail(3, {
          status: 'CLOSED',
          version: 3,
          timeline: [
            {
              id: 1,
              kind: 'ASSIGNEE',
              actorId: 1,
              actorUsername: 'soc.dana',
              fromValue: null,
              toValue: '9',
              at: '2026-03-10T09:10:00Z',
            },
            {
              id: 2,
              kind: 'STATUS',
              actorId: 5,
              actorUsername: 'jane',
              fromValue: 'OPEN',
              toValue: 'CLOSED',
              at: '2026-03-10T11:00:00Z',
            },
          ],
        }),
      );
    const { harness, element } = await open();

    expect(element.querySelector('h1')?.textContent).toBe('Alert 3');
    expect(element.textContent).toContain('Acme Corp');
    expect(element.querySelector('[data-testid="alert-assets"]')?.textContent?.trim()).toBe('fs-01');
    expect(element.querySelector('[data-testid="alert-iocs"] .ioc-type')?.textContent).toBe('HASH');
    expect(element.querySelector('[data-testid="alert-iocs"] code')?.textContent).toBe('e3b0c44298fc1c149afbf4c8996fb924');
    expect(element.querySelector('mat-select')).toBeNull();
    expect(element.textContent).not.toContain('Verdict');

    toggle(element, 'Closed').click();
    await settle(harness);

    expect(data.setStatus).toHaveBeenCalledWith(3, 2, 'CLOSED');
    expect(element.querySelector('[data-testid="alert-status"]')?.textContent).toContain('Closed');
    const history = element.querySelector('[data-testid="alert-timeline"]')?.textContent;
    expect(history).toContain('soc.dana assigned an analyst');
    expect(history).toContain('jane changed status from Open to Closed');
  });

  it('offers a reload when the SOC changed the alert meanwhile', async () => {
    data.get.mockResolvedValue(alertDetail(3, { version: 2 }));
    data.setStatus.mockRejectedValue(new HttpErrorResponse({ status: 412, error: { status: 412, detail: 'stale' } }));
    const { harness, element } = await open();

    toggle(element, 'In progress').click();
    await settle(harness);

    expect(element.querySelector('[data-testid="alert-stale"]')?.textContent).toContain('changed this alert since you opened it');
    expect(toggle(element, 'Open').getAttribute('aria-checked')).toBe('true');
    expect(toggle(element, 'In progress').disabled).toBe(true);
  });

  it('posts a comment', async () => {
    data.get.mockResolvedValue(alertDetail(3));
    const { harness, element } = await open();
    const box = element.querySelector<HTMLTextAreaElement>('[data-testid="comment-body"]');
    if (!box) {
      throw new Error('comment box missing');
    }

    box.value = 'We did not expect this login.';
    box.dispatchEvent(new Event('input'));
    harness.detectChanges();
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Add comment'))?.click();
    await settle(harness);

    expect(data.comment).toHaveBeenCalledWith(3, 'We did not expect this login.');
    expect(data.get).toHaveBeenCalledTimes(2);
  });
});
