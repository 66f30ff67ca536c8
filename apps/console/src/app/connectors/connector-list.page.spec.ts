import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Notifier, SessionService } from '@copilot/ui';
import { ConnectorListPage } from './connector-list.page';
import { Connector, ConnectorsData } from './connectors-data.service';

function connector(overrides: Partial<Connector>): Connector {
  return {
    id: 1,
    name: 'Shuffle',
    customerCode: null,
    url: 'https://shuffle.example.org',
    username: null,
    passwordSet: false,
    apiKeySet: true,
    fileSet: false,
    fileName: null,
    caPem: null,
    extra: {},
    configured: true,
    verified: false,
    supported: true,
    verifyTls: true,
    tlsWarning: null,
    lastError: null,
    lastVerifiedAt: null,
    createdAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z',
    version: 3,
    ...overrides,
  };
}

describe('ConnectorListPage', () => {
  let data: { list: jest.Mock; get: jest.Mock; verify: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  async function open(scopes: string[]): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'connectors', component: ConnectorListPage }]),
        { provide: ConnectorsData, useValue: data },
        { provide: Notifier, useValue: notifier },
        { provide: SessionService, useValue: { scopes: signal(scopes) } },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/connectors', ConnectorListPage);
    await harness.fixture.whenStable();
    harness.detectChanges();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  function button(element: HTMLElement, card: string, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>(`[data-testid="${card}"] button`)].find((b) =>
      b.textContent?.includes(label),
    );
    if (!found) {
      throw new Error(`${label} button missing on ${card}`);
    }
    return found;
  }

  beforeEach(() => {
    data = { list: jest.fn(), get: jest.fn(), verify: jest.fn() };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('shows which secrets are set but never a secret value, even if the api sent one', async () => {
    const leaky = {
      ...connector({ id: 1, name: 'Grafana', username: 'viewer', passwordSet: true, apiKeySet: true }),
      password: 'hunter2-password',
      apiKey: 'sk-live-secret-key',
    };
    const customer = connector({ id: 2, customerCode: 'acme', apiKeySet: false, tlsWarning: 'TLS verification is off', lastError: 'connect ECONNREFUSED' });
    data.list.mockResolvedValue({ items: [leaky, customer], nextCursor: null, total: 2 });

    const { element } = await open(['admin']);

    const text = element.textContent ?? '';
    expect(text).toContain('Password set');
    expect(text).toContain('API key set');
    expect(text).toContain('No API key');
    expect(text).not.toContain('hunter2-password');
    expect(text).not.toContain('sk-live-secret-key');
    expect(text).toContain('Customer acme');
    expect(text).toContain('TLS verification is off');
    expect(element.querySelector('[data-testid="connector-Shuffle-acme"] [data-testid="connector-last-error"]')?.textContent).toContain(
      'connect ECONNREFUSED',
    );
    expect(button(element, 'connector-Shuffle-acme', 'Delete')).toBeTruthy();
  });

  it('verifies a connector, shows the returned message and refreshes the card', async () => {
    data.list.mockResolvedValue({ items: [connector({ configured: false, apiKeySet: false })], nextCursor: null, total: 1 });
    data.verify.mockResolvedValue({ connectionSuccessful: false, message: 'Shuffle: not configured: set API key' });
    data.get.mockResolvedValue(connector({ configured: false, apiKeySet: false, lastError: 'not configured: set API key' }));
    const { harness, element } = await open(['analyst']);

    button(element, 'connector-Shuffle', 'Verify').click();
    await harness.fixture.whenStable();
    harness.detectChanges();

    expect(data.verify).toHaveBeenCalledWith(1);
    expect(notifier.warn).toHaveBeenCalledWith('Shuffle: not configured: set API key');
    expect(data.get).toHaveBeenCalledWith(1);
    expect(element.querySelector('[data-testid="connector-last-error"]')?.textContent).toContain('not configured: set API key');
  });

  it('offers configuration only to admins', async () => {
    data.list.mockResolvedValue({ items: [connector({ customerCode: 'acme' })], nextCursor: null, total: 1 });

    const { element } = await open(['analyst']);

    const labels = [...element.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '');
    expect(labels.some((l) => l.includes('Verify'))).toBe(true);
    expect(labels.some((l) => l.includes('Configure') || l.includes('Delete') || l.includes('Add customer instance'))).toBe(false);
  });
});
