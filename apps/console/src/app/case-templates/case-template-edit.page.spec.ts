import { HttpErrorResponse } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier } from '@copilot/ui';
import { CustomerSearch } from '../shared/customer-search.service';
import { CaseTemplateEditPage } from './case-template-edit.page';
import { CaseTemplate, CaseTemplatesData } from './case-templates-data.service';

@Component({ selector: 'cp-stub', template: '' })
class StubPage {}

function template(overrides: Partial<CaseTemplate> = {}): CaseTemplate {
  return {
    id: 4,
    name: 'Phishing playbook',
    description: null,
    customerCode: 'acme',
    source: 'wazuh',
    tasks: [
      { title: 'Block the sender', description: null, mandatory: true },
      { title: 'Warn users', description: 'Mail all staff', mandatory: false },
    ],
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T09:00:00Z',
    version: 2,
    ...overrides,
  };
}

describe('CaseTemplateEditPage', () => {
  let data: { get: jest.Mock; create: jest.Mock; replace: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'case-templates', component: StubPage },
            { path: 'case-templates/new', component: CaseTemplateEditPage },
            { path: 'case-templates/:id', component: CaseTemplateEditPage },
          ],
          withComponentInputBinding(),
        ),
        { provide: CaseTemplatesData, useValue: data },
        { provide: Notifier, useValue: notifier },
        {
          provide: CustomerSearch,
          useValue: {
            search: jest.fn().mockResolvedValue([{ customerCode: 'acme', name: 'Acme Corp' }]),
            nameOf: jest.fn().mockResolvedValue('Acme Corp'),
            label: (c: string | null) => (c ? `Acme Corp (${c})` : ''),
          },
        },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseTemplateEditPage);
    await settle(harness);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function settle(harness: RouterTestingHarness): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await harness.fixture.whenStable();
      harness.detectChanges();
    }
  }

  function type(element: HTMLElement, selector: string, value: string): void {
    const input = element.querySelector<HTMLInputElement>(selector);
    if (!input) {
      throw new Error(`${selector} missing`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function click(element: HTMLElement, label: string): void {
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim().endsWith(label))?.click();
  }

  beforeEach(() => {
    data = { get: jest.fn(), create: jest.fn(), replace: jest.fn() };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('creates a template for any customer with its tasks in order, mandatory ones marked', async () => {
    data.create.mockImplementation((body: { name: string }) => Promise.resolve(template({ name: body.name })));
    const { harness, element } = await open('/case-templates/new');

    type(element, '[data-testid="template-name"]', ' Malware triage ');
    type(element, '[data-testid="template-source"]', 'wazuh');
    type(element, '[data-testid="template-task-title-0"]', 'Isolate the host');
    element.querySelector<HTMLInputElement>('[data-testid="template-task-mandatory-0"] input')?.click();
    click(element, 'Add task');
    harness.detectChanges();
    type(element, '[data-testid="template-task-title-1"]', 'Collect memory');
    click(element, 'Create template');
    await settle(harness);

    expect(data.create).toHaveBeenCalledWith({
      name: 'Malware triage',
      description: null,
      customerCode: null,
      source: 'wazuh',
      tasks: [
        { title: 'Isolate the host', description: null, mandatory: true },
        { title: 'Collect memory', description: null, mandatory: false },
      ],
    });
    expect(TestBed.inject(Router).url).toBe('/case-templates');
  });

  it('refuses an empty task title and a bad source before calling the api', async () => {
    const { harness, element } = await open('/case-templates/new');

    type(element, '[data-testid="template-name"]', 'X');
    type(element, '[data-testid="template-source"]', 'bad source!');
    click(element, 'Create template');
    await settle(harness);

    expect(data.create).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Enter the task, or remove it');
    expect(element.textContent).toContain('1–64 letters, digits');
  });

  it('edits with the version as If-Match, moving a task up', async () => {
    data.get.mockResolvedValue(template());
    data.replace.mockResolvedValue(template({ version: 3 }));
    const { harness, element } = await open('/case-templates/4');

    expect(element.querySelector<HTMLInputElement>('[data-testid="template-task-title-0"]')?.value).toBe('Block the sender');
    element.querySelectorAll<HTMLButtonElement>('[aria-label="Move up"]')[1].click();
    harness.detectChanges();
    click(element, 'Save template');
    await settle(harness);

    expect(data.replace).toHaveBeenCalledWith(4, 2, {
      name: 'Phishing playbook',
      description: null,
      customerCode: 'acme',
      source: 'wazuh',
      tasks: [
        { title: 'Warn users', description: 'Mail all staff', mandatory: false },
        { title: 'Block the sender', description: null, mandatory: true },
      ],
    });
  });

  it('shows the api refusal of a second template for the same customer and source', async () => {
    data.get.mockResolvedValue(template());
    data.replace.mockRejectedValue(
      new HttpErrorResponse({ status: 409, error: { status: 409, detail: 'A template for customer acme and source wazuh already exists' } }),
    );
    const { harness, element } = await open('/case-templates/4');

    click(element, 'Save template');
    await settle(harness);

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('already exists');
  });

  it('reloads the other version when someone saved first (412)', async () => {
    data.get.mockResolvedValueOnce(template()).mockResolvedValueOnce(template({ name: 'Renamed elsewhere', version: 3 }));
    data.replace.mockRejectedValue(new HttpErrorResponse({ status: 412, error: { status: 412 } }));
    const { harness, element } = await open('/case-templates/4');

    click(element, 'Save template');
    await settle(harness);

    expect(notifier.warn).toHaveBeenCalled();
    expect(element.querySelector<HTMLInputElement>('[data-testid="template-name"]')?.value).toBe('Renamed elsewhere');
  });
});
