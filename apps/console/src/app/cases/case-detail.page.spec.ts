import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ConfirmService, Notifier, SessionService } from '@copilot/ui';
import { of } from 'rxjs';
import { CaseDetailPage } from './case-detail.page';
import { caseDetail, caseTask, linkedAlert } from '@copilot/ui/testing';
import { CasesData } from './cases-data.service';

@Component({ selector: 'cp-stub', template: '' })
class StubPage {}

describe('CaseDetailPage', () => {
  let data: Record<'get' | 'patch' | 'comment' | 'updateTask' | 'addTask' | 'removeTask' | 'assignable', jest.Mock>;
  let dialog: { open: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function open(url = '/cases/7'): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'cases', component: StubPage },
            { path: 'cases/:id', component: CaseDetailPage },
          ],
          withComponentInputBinding(),
        ),
        { provide: CasesData, useValue: data },
        { provide: MatDialog, useValue: dialog },
        { provide: Notifier, useValue: notifier },
        { provide: ConfirmService, useValue: { confirm: jest.fn().mockResolvedValue(true) } },
        { provide: SessionService, useValue: { user: signal({ id: 1 }), scopes: signal(['analyst']) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseDetailPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await harness.fixture.whenStable();
      harness.detectChanges();
    }
  }

  function toggle(element: HTMLElement, group: string, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>(`${group} mat-button-toggle button`)].find(
      (b) => b.textContent?.trim() === label,
    );
    if (!found) {
      throw new Error(`toggle ${label} missing in ${group}`);
    }
    return found;
  }

  beforeEach(() => {
    data = {
      get: jest.fn(),
      patch: jest.fn(),
      comment: jest.fn(),
      updateTask: jest.fn().mockResolvedValue({}),
      addTask: jest.fn().mockResolvedValue({}),
      removeTask: jest.fn().mockResolvedValue(undefined),
      assignable: jest.fn().mockResolvedValue([
        { id: 1, username: 'me', displayName: null },
        { id: 2, username: 'dana', displayName: 'Dana Scully' },
      ]),
    };
    dialog = { open: jest.fn() };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('shows the case with its template, assignee, linked alerts and a readable timeline', async () => {
    data.get.mockResolvedValue(
      caseDetail(7, {
        name: 'VPN brute force',
        assigneeId: 2,
        template: { id: 4, name: 'Intrusion playbook' },
        alerts: [linkedAlert(31, { title: 'Brute force on vpn-1' })],
        timeline: [
          { id: 1, kind: 'CREATED', actorId: 1, actorUsername: 'admin', refId: null, fromValue: null, toValue: 'OPEN', at: '2026-03-10T09:00:00Z' },
          { id: 2, kind: 'TEMPLATE_APPLIED', actorId: 1, actorUsername: 'admin', refId: 4, fromValue: null, toValue: 'Intrusion playbook', at: '2026-03-10T09:00:00Z' },
          { id: 3, kind: 'ASSIGNEE', actorId: 1, actorUsername: 'admin', refId: null, fromValue: null, toValue: '2', at: '2026-03-10T09:05:00Z' },
          { id: 4, kind: 'LINKED', actorId: 1, actorUsername: 'admin', refId: 31, fromValue: null, toValue: null, at: '2026-03-10T09:06:00Z' },
        ],
      }),
    );

    const { element } = await open('/cases/7?tab=timeline');

    expect(element.querySelector('h1')?.textContent).toBe('VPN brute force');
    expect(element.querySelector('[data-testid="case-template"]')?.textContent).toBe('Intrusion playbook');
    expect(element.querySelector('[data-testid="case-assignee"]')?.textContent).toBe('Dana Scully');
    const timeline = element.querySelector('[data-testid="case-timeline"]')?.textContent ?? '';
    expect(timeline).toContain('admin applied the template “Intrusion playbook”');
    expect(timeline).toContain('admin assigned Dana Scully');
    expect(timeline).toContain('admin linked alert #31');
    expect(element.textContent).toContain('Alerts (1)');
  });

  it('saves a status change with the version as If-Match', async () => {
    data.get.mockResolvedValue(caseDetail(7, { version: 3 }));
    data.patch.mockResolvedValue(caseDetail(7, { version: 4, status: 'IN_PROGRESS' }));
    const { harness, element } = await open();

    toggle(element, '[data-testid="case-triage-status"]', 'In progress').click();
    await settle(harness);

    expect(data.patch).toHaveBeenCalledWith(7, 3, { status: 'IN_PROGRESS' });
    expect(element.querySelector('[data-testid="case-status"]')?.textContent).toContain('In progress');
  });

  it('says the case changed elsewhere on 412 and reloads on request', async () => {
    data.get.mockResolvedValueOnce(caseDetail(7, { version: 3 })).mockResolvedValueOnce(caseDetail(7, { version: 5, escalated: true }));
    data.patch.mockRejectedValue(new HttpErrorResponse({ status: 412, error: { status: 412, detail: 'stale' } }));
    const { harness, element } = await open();

    toggle(element, '[data-testid="case-triage-status"]', 'In progress').click();
    await settle(harness);

    expect(element.querySelector('[data-testid="case-stale"]')?.textContent).toContain('changed by someone else');
    expect(element.querySelector('[data-testid="case-status"]')?.textContent).toContain('Open');
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Reload')?.click();
    await settle(harness);

    expect(element.querySelector('[data-testid="case-stale"]')).toBeNull();
    expect(element.querySelector('[data-testid="case-escalated"]')).not.toBeNull();
  });

  it('closes through the dialog, closing the linked alerts when the user keeps that ticked', async () => {
    data.get.mockResolvedValue(caseDetail(7, { version: 3, alerts: [linkedAlert(31), linkedAlert(32, { status: 'CLOSED' })] }));
    data.patch.mockResolvedValue(caseDetail(7, { version: 4, status: 'CLOSED' }));
    dialog.open.mockReturnValue({ afterClosed: () => of({ closeLinkedAlerts: true }) });
    const { harness, element } = await open();

    toggle(element, '[data-testid="case-triage-status"]', 'Closed').click();
    await settle(harness);

    expect(dialog.open).toHaveBeenCalledTimes(1);
    expect(data.patch).toHaveBeenCalledWith(7, 3, { status: 'CLOSED', closeLinkedAlerts: true });
    expect(element.querySelector('[data-testid="case-status"]')?.textContent).toContain('Closed');
  });

  it('does not close when the dialog is cancelled', async () => {
    data.get.mockResolvedValue(caseDetail(7));
    dialog.open.mockReturnValue({ afterClosed: () => of(undefined) });
    const { harness, element } = await open();

    toggle(element, '[data-testid="case-triage-status"]', 'Closed').click();
    await settle(harness);

    expect(data.patch).not.toHaveBeenCalled();
  });

  it('never offers "Not necessary" for a mandatory task, and saves a task status then reloads the case', async () => {
    const tasks = [caseTask(1, { title: 'Isolate host', mandatory: true }), caseTask(2, { title: 'Notify customer' })];
    data.get
      .mockResolvedValueOnce(caseDetail(7, { tasks }))
      .mockResolvedValueOnce(caseDetail(7, { tasks: [{ ...tasks[0], status: 'DONE' }, tasks[1]] }));
    const { harness, element } = await open('/cases/7?tab=tasks');

    const labels = (id: number) =>
      [...element.querySelectorAll(`[data-testid="case-task-${id}"] mat-button-toggle`)].map((t) => t.textContent?.trim());
    expect(labels(1)).toEqual(['To do', 'Done']);
    expect(labels(2)).toEqual(['To do', 'Done', 'Not necessary']);
    expect(element.querySelector('[data-testid="case-task-1"]')?.textContent).toContain('Mandatory');
    expect(element.querySelector('[data-testid="case-task-1"] [aria-label="Remove task"]')).toBeNull();

    toggle(element, '[data-testid="case-task-1"]', 'Done').click();
    await settle(harness);

    expect(data.updateTask).toHaveBeenCalledWith(7, 1, { status: 'DONE' });
    expect(data.get).toHaveBeenCalledTimes(2);
    expect(element.querySelector('[data-testid="case-task-summary"]')?.textContent).toContain('1 of 2 finished');
  });

  it('shows the api refusal of a task change and puts the toggle back', async () => {
    data.get.mockResolvedValue(caseDetail(7, { tasks: [caseTask(2, { title: 'Notify customer' })] }));
    data.updateTask.mockRejectedValue(
      new HttpErrorResponse({
        status: 400,
        error: { status: 400, detail: 'A mandatory task cannot be NOT_NECESSARY', errors: [{ field: 'status', message: 'a mandatory task cannot be NOT_NECESSARY' }] },
      }),
    );
    const { harness, element } = await open('/cases/7?tab=tasks');

    toggle(element, '[data-testid="case-task-2"]', 'Not necessary').click();
    await settle(harness);

    expect(element.querySelector('cp-case-tasks [role="alert"]')?.textContent).toContain('Status a mandatory task cannot be NOT_NECESSARY');
    const checked = element.querySelector('[data-testid="case-task-2"] mat-button-toggle.mat-button-toggle-checked');
    expect(checked?.textContent?.trim()).toBe('To do');
  });

  it('adds a task', async () => {
    data.get.mockResolvedValue(caseDetail(7));
    const { harness, element } = await open('/cases/7?tab=tasks');

    const title = element.querySelector<HTMLInputElement>('[data-testid="case-task-title"]');
    if (!title) {
      throw new Error('task title missing');
    }
    title.value = '  Collect memory image ';
    title.dispatchEvent(new Event('input'));
    harness.detectChanges();
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add task')?.click();
    await settle(harness);

    expect(data.addTask).toHaveBeenCalledWith(7, { title: 'Collect memory image', description: null, mandatory: false });
    expect(title.value).toBe('');
  });
});
