import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier, SessionService } from '@copilot/ui';
import { of } from 'rxjs';
import { CaseDetailPage } from './case-detail.page';
import { caseDetail } from '@copilot/ui/testing';
import { PortalCasesData } from './cases-data.service';

describe('portal CaseDetailPage', () => {
  let data: { get: jest.Mock; update: jest.Mock; comment: jest.Mock; fileList: jest.Mock };
  let dialog: { open: jest.Mock };

  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cases/:id', component: CaseDetailPage }], withComponentInputBinding()),
        { provide: PortalCasesData, useValue: data },
        { provide: MatDialog, useValue: dialog },
        { provide: Notifier, useValue: { success: jest.fn(), warn: jest.fn(), error: jest.fn() } },
        { provide: SessionService, useValue: { user: signal({ id: 5, customers: [{ customerCode: 'acme', name: 'Acme Corp' }] }) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseDetailPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    for (let i = 0; i < 2; i++) {
      harness.detectChanges();
      await harness.fixture.whenStable();
    }
    harness.detectChanges();
  }

  function toggle(element: HTMLElement, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>('[data-testid="case-status-toggle"] button')].find((b) =>
      b.textContent?.includes(label),
    );
    if (!found) {
      throw new Error(`${label} missing`);
    }
    return found;
  }

  beforeEach(() => {
    data = {
      get: jest.fn().mockResolvedValue(caseDetail(4, { name: 'Phishing wave', version: 2, description: 'Mails to finance.' })),
      update: jest.fn().mockResolvedValue(caseDetail(4, { name: 'Phishing wave', status: 'IN_PROGRESS', version: 3 })),
      comment: jest.fn().mockResolvedValue(undefined),
      fileList: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
    };
    dialog = { open: jest.fn() };
  });

  it('shows the case and moves its status with the version the user saw', async () => {
    const { harness, element } = await open('/cases/4');

    expect(data.get).toHaveBeenCalledWith(4);
    expect(element.querySelector('h1')?.textContent).toBe('Phishing wave');
    expect(element.textContent).toContain('#4 · Acme Corp');
    expect(element.querySelector('[data-testid="case-description"]')?.textContent).toBe('Mails to finance.');
    expect(element.textContent).not.toMatch(/Assign|Escalate|Delete|Report/);

    toggle(element, 'In progress').click();
    await settle(harness);

    expect(data.update).toHaveBeenCalledWith(4, 2, { status: 'IN_PROGRESS' });
    expect(element.querySelector('[data-testid="case-status"]')?.textContent).toContain('In progress');
  });

  it('says the case changed meanwhile on 412, puts the status back, and reloads', async () => {
    data.update.mockRejectedValue(new HttpErrorResponse({ status: 412, error: { status: 412, detail: 'stale' } }));
    const { harness, element } = await open('/cases/4');

    toggle(element, 'Closed').click();
    await settle(harness);

    expect(element.querySelector('[data-testid="case-stale"]')?.textContent).toContain('changed by someone else');
    expect(toggle(element, 'Open').getAttribute('aria-checked')).toBe('true');
    expect(toggle(element, 'Closed').disabled).toBe(true);

    data.get.mockResolvedValue(caseDetail(4, { status: 'CLOSED', version: 3 }));
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Reload')?.click();
    await settle(harness);

    expect(element.querySelector('[data-testid="case-stale"]')).toBeNull();
    expect(toggle(element, 'Closed').getAttribute('aria-checked')).toBe('true');
    expect(toggle(element, 'Open').disabled).toBe(false);
  });

  it('saves only the edited fields of name and description', async () => {
    dialog.open.mockReturnValue({ afterClosed: () => of({ name: 'Phishing wave (finance)' }) });
    const { harness, element } = await open('/cases/4');

    element.querySelector<HTMLButtonElement>('[data-testid="case-edit"]')?.click();
    await settle(harness);

    expect(dialog.open.mock.calls[0][1].data).toEqual({ name: 'Phishing wave', description: 'Mails to finance.' });
    expect(data.update).toHaveBeenCalledWith(4, 2, { name: 'Phishing wave (finance)' });
  });

  it("answers another customer's case with a not-found page", async () => {
    data.get.mockRejectedValue(new HttpErrorResponse({ status: 404, error: { status: 404, detail: 'Case 9 not found' } }));
    const { element } = await open('/cases/9');

    expect(element.querySelector('[data-testid="case-not-found"]')?.textContent).toContain(
      'This case does not exist or is not one of yours.',
    );
  });

  it('does not ask the api for an id that is not one', async () => {
    const { element } = await open('/cases/abc');

    expect(data.get).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Case not found');
  });

  it('posts a comment and reloads the case to show it', async () => {
    const { harness, element } = await open('/cases/4?tab=comments');
    const box = element.querySelector<HTMLTextAreaElement>('[data-testid="comment-body"]');
    if (!box) {
      throw new Error('comment box missing');
    }
    box.value = 'We reset the password.';
    box.dispatchEvent(new Event('input'));
    harness.detectChanges();
    [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('Add comment'))?.click();
    await settle(harness);

    expect(data.comment).toHaveBeenCalledWith(4, 'We reset the password.');
    expect(data.get).toHaveBeenCalledTimes(2);
  });

  it('shows the history with the SOC named generically', async () => {
    data.get.mockResolvedValue(
      caseDetail(4, {
        timeline: [
          { id: 1, kind: 'CREATED', actorId: 5, actorUsername: 'jane', refId: null, fromValue: null, toValue: 'OPEN', at: '2026-03-10T09:00:00Z' },
          { id: 2, kind: 'ASSIGNEE', actorId: 1, actorUsername: 'soc.dana', refId: null, fromValue: null, toValue: '9', at: '2026-03-10T09:10:00Z' },
        ],
      }),
    );
    const { element } = await open('/cases/4?tab=timeline');

    const history = element.querySelector('[data-testid="case-timeline"]')?.textContent;
    expect(history).toContain('jane created the case');
    expect(history).toContain('soc.dana assigned an analyst');
  });

  it('shows the tasks read-only', async () => {
    data.get.mockResolvedValue(
      caseDetail(4, {
        tasks: [
          { id: 7, caseId: 4, title: 'Reset the password', description: 'Of the CFO.', status: 'DONE', mandatory: true, createdAt: '2026-03-10T09:00:00Z', updatedAt: '2026-03-10T09:00:00Z' },
          { id: 8, caseId: 4, title: 'Block the sender', description: null, status: 'TODO', mandatory: false, createdAt: '2026-03-10T09:00:00Z', updatedAt: '2026-03-10T09:00:00Z' },
        ],
      }),
    );
    const { element } = await open('/cases/4?tab=tasks');

    expect(element.querySelector('[data-testid="case-task-summary"]')?.textContent).toContain('1 of 2 still to do');
    expect(element.querySelector('[data-testid="case-task-7"]')?.textContent).toContain('Done');
    expect(element.querySelector('[data-testid="case-task-7"]')?.textContent).toContain('Of the CFO.');
    expect(element.querySelectorAll('pt-case-tasks button, pt-case-tasks mat-select, pt-case-tasks input')).toHaveLength(0);
  });
});
