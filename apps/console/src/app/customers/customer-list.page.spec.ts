import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CustomerListPage } from './customer-list.page';
import { Customer, CustomersData } from './customers-data.service';

function customer(id: number, name: string, active = true): Customer {
  return {
    id,
    customerCode: name.toLowerCase().replace(/\s+/g, '-'),
    name,
    type: 'MSSP client',
    parentCustomerCode: null,
    contactName: 'Dana',
    contactEmail: 'dana@example.org',
    contactPhone: null,
    address: null,
    notes: null,
    logo: null,
    active,
    createdAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-02T10:00:00Z',
  } as Customer;
}

describe('CustomerListPage', () => {
  let list: jest.Mock;

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'customers', component: CustomerListPage }]),
        { provide: CustomersData, useValue: { list } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, CustomerListPage);
    await harness.fixture.whenStable();
    harness.detectChanges();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  beforeEach(() => {
    list = jest.fn();
  });

  it('loads with the filters from the URL and lists the customers', async () => {
    list.mockResolvedValue({ items: [customer(1, 'Acme Corp'), customer(2, 'Globex', false)], nextCursor: null, total: 2 });

    const { element } = await open('/customers?q=ac&inactive=true');

    expect(list).toHaveBeenCalledWith({ q: 'ac', includeInactive: true }, null, 25);
    const rows = element.querySelectorAll('tr.mat-mdc-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Acme Corp');
    expect(rows[1].textContent).toContain('Inactive');
    expect(element.textContent).toContain('1–2 of 2');
  });

  it('offers to create the first customer when there are none', async () => {
    list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });

    const { element } = await open('/customers');

    expect(element.querySelector('table')).toBeNull();
    expect(element.textContent).toContain('No customers yet');
  });

  it('says nothing matches when a search finds nothing', async () => {
    list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });

    const { element } = await open('/customers?q=zzz');

    expect(element.textContent).toContain('No customers match');
  });

  it('puts the search into the URL', async () => {
    list.mockResolvedValue({ items: [], nextCursor: null, total: 0 });
    const { harness, element } = await open('/customers');

    const input = element.querySelector<HTMLInputElement>('[data-testid="customer-search"]');
    if (!input) {
      throw new Error('search input missing');
    }
    input.value = 'globex';
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/customers?q=globex');
    expect(list).toHaveBeenLastCalledWith({ q: 'globex', includeInactive: false }, null, 25);
  });
});
