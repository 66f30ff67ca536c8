import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { CaseCloseDialog } from './case-close.dialog';
import { caseDetail, linkedAlert } from '@copilot/ui/testing';
import type { Case } from './cases-data.service';

describe('CaseCloseDialog', () => {
  let close: jest.Mock;

  function render(kase: Case): HTMLElement {
    close = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: kase },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(CaseCloseDialog);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  function confirm(element: HTMLElement): void {
    [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Close case')?.click();
  }

  it('offers to close the linked alerts still open, ticked, and says how many', () => {
    const element = render(caseDetail(7, { alerts: [linkedAlert(1), linkedAlert(2, { status: 'IN_PROGRESS' }), linkedAlert(3, { status: 'CLOSED' })] }));

    const box = element.querySelector('[data-testid="case-close-alerts"]');
    expect(box?.textContent).toContain('Also close the 2 linked alerts that are still open');
    expect(box?.querySelector<HTMLInputElement>('input')?.checked).toBe(true);
    confirm(element);
    expect(close).toHaveBeenCalledWith({ closeLinkedAlerts: true });
  });

  it('closes only the case when the box is unticked', () => {
    const element = render(caseDetail(7, { alerts: [linkedAlert(1)] }));

    element.querySelector<HTMLInputElement>('[data-testid="case-close-alerts"] input')?.click();
    confirm(element);

    expect(close).toHaveBeenCalledWith({ closeLinkedAlerts: false });
  });

  it('has nothing to offer when every linked alert is closed', () => {
    const element = render(caseDetail(7, { alerts: [linkedAlert(1, { status: 'CLOSED' })] }));

    expect(element.querySelector('[data-testid="case-close-alerts"]')).toBeNull();
    expect(element.textContent).toContain('Every linked alert is already closed.');
    confirm(element);
    expect(close).toHaveBeenCalledWith({ closeLinkedAlerts: false });
  });
});
