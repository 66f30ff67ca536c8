import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatChipInputHarness } from '@angular/material/chips/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { TestKey } from '@angular/cdk/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ConfirmService, Notifier, SessionService } from '@copilot/ui';
import { alertDetail } from '@copilot/ui/testing';
import { AlertDetailPage } from './alert-detail.page';
import { AlertsData } from './alerts-data.service';

@Component({ selector: 'cp-stub', template: '' })
class StubPage {}

describe('AlertDetailPage', () => {
  let data: {
    get: jest.Mock;
    patch: jest.Mock;
    comment: jest.Mock;
    remove: jest.Mock;
    assignable: jest.Mock;
    searchCustomers: jest.Mock;
  };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };
  let confirm: jest.Mock;

  async function open(): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'alerts', component: StubPage },
            { path: 'alerts/:id', component: AlertDetailPage },
          ],
          withComponentInputBinding(),
        ),
        { provide: AlertsData, useValue: data },
        { provide: Notifier, useValue: notifier },
        { provide: ConfirmService, useValue: { confirm } },
        { provide: SessionService, useValue: { user: signal({ id: 1 }), scopes: signal(['analyst']) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/alerts/7', AlertDetailPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await harness.fixture.whenStable();
    harness.detectChanges();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  function button(element: HTMLElement, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim().includes(label));
    if (!found) {
      throw new Error(`button ${label} missing`);
    }
    return found;
  }

  beforeEach(() => {
    data = {
      get: jest.fn(),
      patch: jest.fn(),
      comment: jest.fn(),
      remove: jest.fn().mockResolvedValue(undefined),
      assignable: jest.fn().mockResolvedValue([
        { id: 1, username: 'me', displayName: null },
        { id: 2, username: 'dana', displayName: 'Dana Scully' },
      ]),
      searchCustomers: jest.fn().mockResolvedValue([
        { customerCode: 'acme-eu', name: 'Acme Europe' },
        { customerCode: 'acme', name: 'Acme Corp' },
      ]),
    };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
    confirm = jest.fn().mockResolvedValue(true);
  });

  it('shows what happened: severity, status, customer, source, occurrences and the description as text', async () => {
    data.get.mockResolvedValue(
      alertDetail(7, {
        title: 'Brute force on vpn-1',
        severity: 'Critical',
        occurrences: 12,
        description: '<b>50 failed logins</b>',
      }),
    );

    const { element } = await open();

    expect(element.querySelector('h1')?.textContent).toBe('Brute force on vpn-1');
    expect(element.querySelector('[data-testid="alert-severity"]')?.textContent).toContain('Critical');
    expect(element.querySelector('[data-testid="alert-status"]')?.textContent).toContain('Open');
    expect(element.querySelector('[data-testid="alert-occurrences"]')?.textContent).toBe('12');
    expect(element.querySelector('[data-testid="alert-customer"]')?.textContent?.trim()).toBe('Acme Corp (acme)');
    expect(data.searchCustomers).toHaveBeenCalledWith('acme');
    expect(element.textContent).toContain('wazuh');
    expect(element.querySelector('.description')?.textContent).toBe('<b>50 failed logins</b>');
    expect(element.querySelector('.description b')).toBeNull();
    expect(element.querySelector('[data-testid="alert-timeline"]')?.textContent).toContain('admin created the alert');
  });

  it('saves a status change with the version as If-Match and shows the new timeline', async () => {
    data.get.mockResolvedValueOnce(alertDetail(7, { version: 3 })).mockResolvedValueOnce(
      alertDetail(7, {
        status: 'IN_PROGRESS',
        version: 4,
        timeline: [
          ...alertDetail(7).timeline,
          {
            id: 2,
            kind: 'STATUS',
            actorId: 1,
            actorUsername: 'me',
            fromValue: 'OPEN',
            toValue: 'IN_PROGRESS',
            at: '2026-03-10T11:00:00Z',
          },
        ],
      }),
    );
    data.patch.mockResolvedValue(alertDetail(7, { status: 'IN_PROGRESS', version: 4 }));
    const { harness, element } = await open();

    element.querySelector<HTMLButtonElement>('[data-testid="triage-status"] mat-button-toggle:nth-child(2) button')?.click();
    await settle(harness);

    expect(data.patch).toHaveBeenCalledWith(7, 3, { status: 'IN_PROGRESS' });
    expect(element.querySelector('[data-testid="alert-status"]')?.textContent).toContain('In progress');
    expect(element.querySelector('[data-testid="alert-timeline"]')?.textContent).toContain(
      'me changed status from Open to In progress',
    );
  });

  it('says the alert changed elsewhere on 412, keeps triage locked, and reloads on request', async () => {
    data.get
      .mockResolvedValueOnce(alertDetail(7, { version: 3 }))
      .mockResolvedValueOnce(alertDetail(7, { version: 5, severity: 'Low' }));
    data.patch.mockRejectedValue(new HttpErrorResponse({ status: 412, error: { status: 412, detail: 'stale' } }));
    const { harness, element } = await open();
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="triage-severity"]' }))
    ).clickOptions({ text: 'Medium' });
    await settle(harness);

    expect(data.patch).toHaveBeenCalledWith(7, 3, { severity: 'Medium' });
    expect(element.querySelector('[data-testid="alert-stale"]')?.textContent).toContain('changed by someone else');
    const severity = await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="triage-severity"]' }));
    expect(await severity.getValueText()).toBe('High');
    expect(await severity.isDisabled()).toBe(true);

    button(element, 'Reload').click();
    await settle(harness);

    expect(data.get).toHaveBeenCalledTimes(2);
    expect(element.querySelector('[data-testid="alert-stale"]')).toBeNull();
    expect(element.querySelector('[data-testid="alert-severity"]')?.textContent).toContain('Low');
  });

  it('refuses a false positive without a reason, then sends it with the reason and note', async () => {
    data.get.mockResolvedValue(alertDetail(7, { version: 3 }));
    data.patch.mockResolvedValue(alertDetail(7, { version: 4, verdict: 'FALSE_POSITIVE', verdictReason: 'KNOWN_APPLICATION' }));
    const { harness, element } = await open();
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="verdict-select"]' }))
    ).clickOptions({
      text: 'False positive',
    });
    button(element, 'Save verdict').click();
    await settle(harness);

    expect(data.patch).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Choose why this is a false positive.');

    await (
      await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="verdict-reason"]' }))
    ).clickOptions({
      text: 'Known application',
    });
    const note = element.querySelector<HTMLTextAreaElement>('[data-testid="verdict-form"] textarea');
    if (!note) {
      throw new Error('note missing');
    }
    note.value = '  Backup agent  ';
    note.dispatchEvent(new Event('input'));
    button(element, 'Save verdict').click();
    await settle(harness);

    expect(data.patch).toHaveBeenCalledWith(7, 3, {
      verdict: 'FALSE_POSITIVE',
      verdictReason: 'KNOWN_APPLICATION',
      verdictNote: 'Backup agent',
    });
  });

  it('assigns from the assignable users and adds a tag in lower case', async () => {
    data.get.mockResolvedValue(alertDetail(7, { version: 3, tags: ['vpn'] }));
    data.patch.mockImplementation((_id: number, version: number) => Promise.resolve(alertDetail(7, { version: version + 1 })));
    const { harness } = await open();
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);

    const assignee = await loader.getHarness(MatSelectHarness.with({ selector: '[data-testid="triage-assignee"]' }));
    await assignee.open();
    expect((await assignee.getOptions()).length).toBe(3);
    await assignee.clickOptions({ text: 'Dana Scully' });
    await settle(harness);
    expect(data.patch).toHaveBeenLastCalledWith(7, 3, { assigneeId: 2 });

    const input = await loader.getHarness(MatChipInputHarness);
    await input.setValue('Phishing');
    await input.sendSeparatorKey(TestKey.ENTER);
    await settle(harness);
    expect(data.patch).toHaveBeenLastCalledWith(7, 3, { tags: ['vpn', 'phishing'] });
  });

  it('posts a comment and shows it in the comments and the timeline', async () => {
    const comment = {
      id: 31,
      alertId: 7,
      authorId: 1,
      authorUsername: 'me',
      body: 'Host isolated.',
      createdAt: '2026-03-10T11:00:00Z',
    };
    data.get.mockResolvedValueOnce(alertDetail(7)).mockResolvedValueOnce(
      alertDetail(7, {
        comments: [comment],
        timeline: [
          ...alertDetail(7).timeline,
          { id: 2, kind: 'COMMENT', actorId: 1, actorUsername: 'me', fromValue: null, toValue: '31', at: '2026-03-10T11:00:00Z' },
        ],
      }),
    );
    data.comment.mockResolvedValue(comment);
    const { harness, element } = await open();

    const box = element.querySelector<HTMLTextAreaElement>('[data-testid="comment-body"]');
    if (!box) {
      throw new Error('comment box missing');
    }
    box.value = 'Host isolated.';
    box.dispatchEvent(new Event('input'));
    harness.detectChanges();
    button(element, 'Add comment').click();
    await settle(harness);

    expect(data.comment).toHaveBeenCalledWith(7, 'Host isolated.');
    expect(element.querySelector('[data-testid="comment-31"]')?.textContent).toContain('Host isolated.');
    expect(element.querySelector('[data-testid="alert-timeline"]')?.textContent).toContain('me commented: “Host isolated.”');
    expect(box.value).toBe('');
  });

  it('deletes after confirmation and goes back to the list', async () => {
    data.get.mockResolvedValue(alertDetail(7));
    const { harness, element } = await open();

    button(element, 'Delete').click();
    await settle(harness);

    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ title: 'Delete alert #7?', destructive: true }));
    expect(data.remove).toHaveBeenCalledWith(7);
    expect(TestBed.inject(Router).url).toBe('/alerts');
  });

  it('explains an alert that is not there', async () => {
    data.get.mockRejectedValue(new HttpErrorResponse({ status: 404, error: { status: 404, detail: 'Alert 7 not found' } }));

    const { element } = await open();

    expect(element.textContent).toContain('This alert does not exist or is outside your customers.');
  });
});
