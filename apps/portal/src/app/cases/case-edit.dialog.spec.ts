import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { CaseEditDialog } from './case-edit.dialog';

describe('portal CaseEditDialog', () => {
  function render(close: jest.Mock) {
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { name: 'Phishing wave', description: 'Mails to finance.' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(CaseEditDialog);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${testId}"]`);
      if (!field) {
        throw new Error(`${testId} missing`);
      }
      field.value = value;
      field.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    const save = () => {
      element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      fixture.detectChanges();
    };
    return { element, type, save };
  }

  it('returns only what changed; clearing the description sends null', () => {
    const close = jest.fn();
    const { type, save } = render(close);

    type('case-edit-description', '   ');
    save();

    expect(close).toHaveBeenCalledWith({ description: null });
  });

  it('returns nothing when nothing changed, and refuses an empty name', () => {
    const close = jest.fn();
    const { element, type, save } = render(close);

    save();
    expect(close).toHaveBeenLastCalledWith(undefined);

    type('case-edit-name', '  ');
    save();
    expect(close).toHaveBeenCalledTimes(1);
    expect(element.textContent).toContain('Give the case a name.');
  });
});
