import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ConfirmService, Notifier } from '@copilot/ui';
import { CustomerSearch } from '../shared/customer-search.service';
import { CaseTemplateListPage } from './case-template-list.page';
import { CaseTemplate, CaseTemplatesData } from './case-templates-data.service';

function template(id: number, overrides: Partial<CaseTemplate> = {}): CaseTemplate {
  return {
    id,
    name: `Template ${id}`,
    description: null,
    customerCode: null,
    source: null,
    tasks: [],
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T09:00:00Z',
    version: 1,
    ...overrides,
  };
}

describe('CaseTemplateListPage', () => {
  let data: { list: jest.Mock; remove: jest.Mock };
  let confirm: jest.Mock;

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'case-templates', component: CaseTemplateListPage }]),
        { provide: CaseTemplatesData, useValue: data },
        { provide: ConfirmService, useValue: { confirm } },
        { provide: Notifier, useValue: { success: jest.fn(), warn: jest.fn(), error: jest.fn() } },
        { provide: CustomerSearch, useValue: { search: jest.fn().mockResolvedValue([]), nameOf: jest.fn().mockResolvedValue(null), label: (c: string | null) => c ?? '' } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CaseTemplateListPage);
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
    data = { list: jest.fn(), remove: jest.fn().mockResolvedValue(undefined) };
    confirm = jest.fn().mockResolvedValue(true);
  });

  it('lists the templates of the customer in the URL, saying where each applies', async () => {
    data.list.mockResolvedValue({
      items: [
        template(1, { name: 'Default', tasks: [{ title: 'a', description: null, mandatory: true }, { title: 'b', description: null, mandatory: false }] }),
        template(2, { name: 'Acme phishing', customerCode: 'acme', source: 'wazuh' }),
      ],
      nextCursor: null,
      total: 2,
    });

    const { element } = await open('/case-templates?customer=acme');

    expect(data.list).toHaveBeenCalledWith('acme', null, 25);
    const rows = element.querySelectorAll('tr.mat-mdc-row');
    expect(rows[0].textContent).toContain('Any customer');
    expect(rows[0].textContent).toContain('Any source');
    expect(rows[0].textContent).toContain('2 (1 mandatory)');
    expect(rows[1].textContent).toContain('acme');
    expect(rows[1].textContent).toContain('wazuh');
  });

  it('deletes a template only after the user confirms, then reloads the page', async () => {
    data.list.mockResolvedValue({ items: [template(1)], nextCursor: null, total: 1 });
    confirm.mockResolvedValueOnce(false);
    const { harness, element } = await open('/case-templates');

    element.querySelector<HTMLButtonElement>('[aria-label="Delete template"]')?.click();
    await settle(harness);
    expect(data.remove).not.toHaveBeenCalled();

    element.querySelector<HTMLButtonElement>('[aria-label="Delete template"]')?.click();
    await settle(harness);
    expect(data.remove).toHaveBeenCalledWith(1);
    expect(data.list).toHaveBeenCalledTimes(2);
  });
});
