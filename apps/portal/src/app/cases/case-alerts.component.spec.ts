import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { CaseAlertsComponent } from './case-alerts.component';
import { caseDetail } from '@copilot/ui/testing';

describe('portal CaseAlertsComponent', () => {
  it('lists the linked alerts with links to them, and opens the picker for the case organisation', () => {
    const open = jest.fn();
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: MatDialog, useValue: { open } }] });
    const fixture = TestBed.createComponent(CaseAlertsComponent);
    const link = jest.fn();
    fixture.componentRef.setInput(
      'case',
      caseDetail(4, {
        customerCode: 'acme-eu',
        alerts: [
          {
            id: 12,
            title: 'Ransomware canary modified',
            status: 'IN_PROGRESS',
            severity: 'Critical',
            source: 'wazuh',
            lastEventAt: '2026-03-10T10:00:00Z',
            linkedAt: '2026-03-10T11:00:00Z',
            linkedBy: 'jane',
          },
        ],
      }),
    );
    fixture.componentRef.setInput('link', link);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    const row = element.querySelector('[data-testid="case-alert-12"]');
    expect(row?.querySelector('a')?.getAttribute('href')).toBe('/alerts/12');
    expect(row?.querySelector('ui-severity-chip')?.textContent).toContain('Critical');
    expect(row?.querySelector('ui-status-chip')?.textContent).toContain('In progress');
    expect(row?.textContent).toContain('by jane');
    expect(element.textContent).not.toMatch(/Unlink/i);

    element.querySelector<HTMLButtonElement>('[data-testid="case-link-alerts"]')?.click();

    expect(open.mock.calls[0][1].data).toEqual({ customerCode: 'acme-eu', linked: [12], link });
  });
});
