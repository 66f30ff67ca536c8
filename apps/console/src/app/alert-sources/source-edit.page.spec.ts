import { HttpErrorResponse } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier } from '@copilot/ui';
import { CustomerSearch } from '../shared/customer-search.service';
import { AlertSourcesData } from './alert-sources-data.service';
import { alertSource } from './source-fixtures';
import { SourceEditPage } from './source-edit.page';

@Component({ selector: 'cp-stub', template: '' })
class StubPage {}

describe('SourceEditPage', () => {
  let data: { get: jest.Mock; create: jest.Mock; replace: jest.Mock; indexers: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'alert-sources', component: StubPage },
            { path: 'alert-sources/new', component: SourceEditPage },
            { path: 'alert-sources/:id', component: SourceEditPage },
          ],
          withComponentInputBinding(),
        ),
        { provide: AlertSourcesData, useValue: data },
        { provide: Notifier, useValue: notifier },
        { provide: CustomerSearch, useValue: { search: jest.fn().mockResolvedValue([]), nameOf: jest.fn(), label: (c: string | null) => c ?? '' } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, SourceEditPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await harness.fixture.whenStable();
      harness.detectChanges();
    }
  }

  function type(element: HTMLElement, testId: string, value: string): void {
    const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) {
      throw new Error(`${testId} missing`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function submit(element: HTMLElement): void {
    element.querySelector<HTMLButtonElement>('[data-testid="source-save"]')?.click();
  }

  beforeEach(() => {
    data = { get: jest.fn(), create: jest.fn(), replace: jest.fn(), indexers: jest.fn().mockResolvedValue([]) };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('shows the default mapping as placeholders and refuses a bad index pattern before calling the api', async () => {
    const { harness, element } = await open('/alert-sources/new');

    expect(element.querySelector<HTMLInputElement>('[data-testid="mapping-title"]')?.placeholder).toBe('rule.description');
    expect(element.querySelector<HTMLTextAreaElement>('[data-testid="mapping-customer-fields"]')?.placeholder).toContain(
      'agent.labels.customer',
    );
    type(element, 'source-name', 'wazuh-main');
    type(element, 'source-index', 'Wazuh Alerts');
    submit(element);
    await settle(harness);

    expect(data.create).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Use an index name or pattern such as wazuh-alerts-* or gl-events*');
  });

  it('creates a source and goes back to the list', async () => {
    data.create.mockResolvedValue(alertSource(5, { name: 'wazuh-main' }));
    const { harness, element } = await open('/alert-sources/new');

    type(element, 'source-name', 'wazuh-main');
    type(element, 'source-index', 'wazuh-alerts-*');
    type(element, 'mapping-asset', 'agent.ip');
    submit(element);
    await settle(harness);

    expect(data.create).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'wazuh-main', indexPattern: 'wazuh-alerts-*', mapping: expect.objectContaining({ asset: 'agent.ip' }) }),
    );
    expect(notifier.success).toHaveBeenCalledWith('Alert source “wazuh-main” saved.');
    expect(TestBed.inject(Router).url).toBe('/alert-sources');
  });

  it('puts the api refusal of a taken name under the name', async () => {
    data.create.mockRejectedValue(
      new HttpErrorResponse({
        status: 409,
        error: { status: 409, detail: 'An alert source named "wazuh-main" already exists', errors: [{ field: 'name', message: 'already exists' }] },
      }),
    );
    const { harness, element } = await open('/alert-sources/new');

    type(element, 'source-name', 'wazuh-main');
    type(element, 'source-index', 'wazuh-alerts-*');
    submit(element);
    await settle(harness);

    expect(element.querySelector('mat-error')?.textContent).toContain('Name already exists');
  });

  it('saves an edit with the version as If-Match', async () => {
    data.get.mockResolvedValue(alertSource(5, { name: 'wazuh-main', version: 7 }));
    data.replace.mockResolvedValue(alertSource(5, { name: 'wazuh-main', version: 8 }));
    const { harness, element } = await open('/alert-sources/5');

    expect(element.querySelector<HTMLInputElement>('[data-testid="source-index"]')?.value).toBe('wazuh-alerts-*');
    submit(element);
    await settle(harness);

    expect(data.replace).toHaveBeenCalledWith(5, 7, expect.objectContaining({ name: 'wazuh-main', batchSize: 500 }));
  });
});
