import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { alertDetail } from '@copilot/ui/testing';
import { AlertEvidenceComponent } from './alert-evidence.component';
import { AlertsData } from './alerts-data.service';

describe('AlertEvidenceComponent', () => {
  let document: jest.Mock;

  function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AlertsData, useValue: { document } }] });
    const fixture = TestBed.createComponent(AlertEvidenceComponent);
    fixture.componentRef.setInput(
      'alert',
      alertDetail(7, {
        occurrences: 14,
        assets: [{ name: 'vpn-gw-1', agentId: '003', indexName: 'wazuh-alerts-4.x', indexId: 'a1' }],
        iocs: [{ type: 'IP', value: '203.0.113.7' }],
        context: { indexName: 'wazuh-alerts-4.x', docId: 'a1', document: { rule: { id: '5712' } } },
        occurrenceRefs: [
          { indexName: 'wazuh-alerts-4.x', docId: 'a9', eventAt: '2026-03-10T10:00:00Z' },
          { indexName: 'wazuh-alerts-4.x', docId: 'a8', eventAt: '2026-03-10T09:59:00Z' },
        ],
      }),
    );
    fixture.detectChanges();
    return fixture;
  }

  beforeEach(() => {
    document = jest.fn();
  });

  it('links each asset and indicator to the alerts that share it', () => {
    const element: HTMLElement = render().nativeElement;

    expect(element.querySelector('[data-testid="alert-assets"] a')?.getAttribute('href')).toBe('/alerts?asset=vpn-gw-1');
    expect(element.querySelector('[data-testid="alert-iocs"] a')?.getAttribute('href')).toBe('/alerts?ioc=203.0.113.7');
    expect(element.textContent).toContain('Latest occurrences (2 of 14)');
  });

  it('fetches an occurrence document only when asked, and shows why it could not', async () => {
    document
      .mockResolvedValueOnce({ indexName: 'wazuh-alerts-4.x', docId: 'a9', document: { agent: { name: 'vpn-gw-1' } } })
      .mockRejectedValueOnce(
        new HttpErrorResponse({
          status: 503,
          error: { status: 503, detail: 'Wazuh indexer is unavailable: connect ECONNREFUSED' },
        }),
      );
    const fixture = render();
    const element: HTMLElement = fixture.nativeElement;
    expect(document).not.toHaveBeenCalled();
    expect(element.querySelector('pre')).toBeNull();

    const buttons = [...element.querySelectorAll<HTMLButtonElement>('.occurrences button')];
    buttons[0].click();
    buttons[1].click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(document).toHaveBeenCalledWith(7, 'wazuh-alerts-4.x', 'a9');
    expect(element.querySelector('.occurrences pre')?.textContent).toContain('"name": "vpn-gw-1"');
    expect(element.querySelector('.occurrences [role="alert"]')?.textContent).toContain('Wazuh indexer is unavailable');
  });
});
