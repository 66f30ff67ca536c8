import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ALERT_PICK_PAGE_SIZE, CaseLinkDialog } from './case-link.dialog';
import { alertSummary } from '@copilot/ui/testing';
import { PortalCasesData } from './cases-data.service';

describe('portal CaseLinkDialog', () => {
  let alertChoices: jest.Mock;
  let link: jest.Mock;
  let close: jest.Mock;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { customerCode: 'acme', linked: [3], link } },
        { provide: MatDialogRef, useValue: { close } },
        { provide: PortalCasesData, useValue: { alertChoices } },
      ],
    });
    const fixture = TestBed.createComponent(CaseLinkDialog);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function submit(element: HTMLElement): HTMLButtonElement {
    const button = element.querySelector<HTMLButtonElement>('[data-testid="case-link-submit"]');
    if (!button) {
      throw new Error('submit missing');
    }
    return button;
  }

  beforeEach(() => {
    alertChoices = jest.fn().mockResolvedValue({
      items: [alertSummary(5, { title: 'Ransomware canary modified', severity: 'Critical' }), alertSummary(3)],
      nextCursor: null,
    });
    link = jest.fn().mockResolvedValue(undefined);
    close = jest.fn();
  });

  it("lists only the case organisation's alerts, the linked ones ticked and locked, and links the picked one", async () => {
    const { fixture, element } = await render();

    expect(alertChoices).toHaveBeenCalledWith('acme', '', null, ALERT_PICK_PAGE_SIZE);
    const linked = element.querySelector('[data-testid="case-link-option-3"]');
    expect(linked?.textContent).toContain('already linked');
    expect(linked?.getAttribute('aria-disabled')).toBe('true');
    expect(submit(element).disabled).toBe(true);

    element.querySelector<HTMLElement>('[data-testid="case-link-option-5"]')?.click();
    await settle(fixture);
    expect(submit(element).textContent?.trim()).toBe('Link 1 alert');
    submit(element).click();
    await settle(fixture);

    expect(link).toHaveBeenCalledWith([5]);
    expect(close).toHaveBeenCalledWith(true);
  });

  it('searches by title and keeps the dialog open with the reason when linking fails', async () => {
    jest.useFakeTimers();
    try {
      link.mockRejectedValue(new HttpErrorResponse({ status: 400, error: { status: 400, detail: 'Unknown alert 5' } }));
      const { fixture, element } = await render();
      const search = element.querySelector<HTMLInputElement>('[data-testid="case-link-search"]');
      if (!search) {
        throw new Error('search missing');
      }
      search.value = ' canary ';
      search.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(350);
      expect(alertChoices).toHaveBeenLastCalledWith('acme', 'canary', null, ALERT_PICK_PAGE_SIZE);
      jest.useRealTimers();
      await settle(fixture);

      element.querySelector<HTMLElement>('[data-testid="case-link-option-5"]')?.click();
      await settle(fixture);
      submit(element).click();
      await settle(fixture);

      expect(element.querySelector('[role="alert"]')?.textContent).toContain('Unknown alert 5');
      expect(close).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
