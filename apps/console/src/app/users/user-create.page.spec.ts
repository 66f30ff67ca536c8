import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { UserCreatePage } from './user-create.page';
import { UsersData } from './users-data.service';

describe('UserCreatePage', () => {
  let data: { create: jest.Mock; searchCustomers: jest.Mock };

  async function open(): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'users/new', component: UserCreatePage }]), { provide: UsersData, useValue: data }],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/users/new', UserCreatePage);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  function fill(element: HTMLElement, testId: string, value: string): void {
    const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) {
      throw new Error(`${testId} missing`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(harness: RouterTestingHarness, element: HTMLElement): Promise<void> {
    element.querySelector<HTMLButtonElement>('[data-testid="user-save"]')?.click();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  beforeEach(() => {
    data = { create: jest.fn(), searchCustomers: jest.fn().mockResolvedValue([]) };
  });

  it('shows the api password policy refusal on the password field', async () => {
    data.create.mockRejectedValue(
      new HttpErrorResponse({
        status: 400,
        error: {
          status: 400,
          detail: 'password is a commonly used password; choose another',
          errors: [{ field: 'password', message: 'is a commonly used password; choose another' }],
        },
      }),
    );
    const { harness, element } = await open();
    fill(element, 'user-username', 'ana.lyst');
    fill(element, 'user-password', '123456789012');
    fill(element, 'user-password-confirm', '123456789012');

    await submit(harness, element);

    expect(data.create).toHaveBeenCalledWith(
      expect.objectContaining({ username: 'ana.lyst', role: 'analyst', password: '123456789012', customerCodes: [] }),
    );
    expect(element.querySelector('[data-testid="user-password-error"]')?.textContent).toContain(
      'Password is a commonly used password; choose another',
    );
  });

  it('refuses an invalid username before calling the api', async () => {
    const { harness, element } = await open();
    fill(element, 'user-username', '-x');
    fill(element, 'user-password', 'a long enough passphrase');
    fill(element, 'user-password-confirm', 'a long enough passphrase');

    await submit(harness, element);

    expect(data.create).not.toHaveBeenCalled();
    expect(element.textContent).toContain('starting with a letter or digit');
  });
});
