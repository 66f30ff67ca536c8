import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { CaseCreateData, CaseCreateDialog } from './case-create.dialog';
import { caseDetail } from '@copilot/ui/testing';
import { PortalCasesData } from './cases-data.service';

describe('portal CaseCreateDialog', () => {
  let create: jest.Mock;
  let close: jest.Mock;

  async function render(data: CaseCreateData) {
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
        { provide: PortalCasesData, useValue: { create } },
      ],
    });
    const fixture = TestBed.createComponent(CaseCreateDialog);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = (testId: string, value: string) => {
      const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${testId}"]`);
      if (!field) {
        throw new Error(`${testId} missing`);
      }
      field.value = value;
      field.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    return { fixture, element, type, submit };
  }

  beforeEach(() => {
    create = jest.fn().mockResolvedValue(caseDetail(12));
    close = jest.fn();
  });

  it('creates the case for the only organisation without asking for it', async () => {
    const { element, type, submit } = await render({ customers: [{ customerCode: 'acme', name: 'Acme Corp' }], customerCode: null });

    expect(element.querySelector('[data-testid="case-create-customer"]')).toBeNull();
    type('case-create-name', '  Suspicious invoice mail  ');
    await submit();

    expect(create).toHaveBeenCalledWith({ customerCode: 'acme', name: 'Suspicious invoice mail', description: null });
    expect(close).toHaveBeenCalledWith(caseDetail(12));
  });

  it('asks for the organisation when the user has several, preselecting the filtered one', async () => {
    const { element, type, submit } = await render({
      customers: [
        { customerCode: 'acme', name: 'Acme Corp' },
        { customerCode: 'acme-eu', name: 'Acme Europe' },
      ],
      customerCode: 'acme-eu',
    });

    expect(element.querySelector('[data-testid="case-create-customer"]')?.textContent).toContain('Acme Europe');
    type('case-create-name', 'VPN from new country');
    type('case-create-description', 'Jane logged in from Peru.');
    await submit();

    expect(create).toHaveBeenCalledWith({ customerCode: 'acme-eu', name: 'VPN from new country', description: 'Jane logged in from Peru.' });
  });

  it('needs a name, and shows what the api refused', async () => {
    create.mockRejectedValue(
      new HttpErrorResponse({
        status: 400,
        error: { status: 400, detail: 'Validation failed', errors: [{ field: 'customerCode', message: 'unknown customer' }] },
      }),
    );
    const { element, type, submit } = await render({ customers: [{ customerCode: 'acme', name: 'Acme Corp' }], customerCode: null });

    type('case-create-name', '   ');
    await submit();
    expect(create).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Give the case a name.');

    type('case-create-name', 'Lost laptop');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Customer code unknown customer');
    expect(close).not.toHaveBeenCalled();
  });
});
