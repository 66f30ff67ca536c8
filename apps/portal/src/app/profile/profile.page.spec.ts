import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUTH_CONFIG, AuthGateway, Me, SessionService } from '@copilot/ui';
import { ProfilePage } from './profile.page';

const me: Me = {
  id: 7,
  username: 'jane',
  displayName: 'Jane Doe',
  email: 'jane@acme.example',
  role: 'customer_user',
  scopes: ['customer_user'],
  customers: [{ customerCode: 'acme', name: 'Acme Corp' }],
  mustChangePassword: false,
};

describe('ProfilePage', () => {
  let gateway: { token: jest.Mock; me: jest.Mock; refresh: jest.Mock; changePassword: jest.Mock };

  async function open(): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'profile', component: ProfilePage }]),
        {
          provide: AUTH_CONFIG,
          useValue: { clientId: 'portal', appName: 'Portal', loginPath: '/login', homePath: '/overview', profilePath: '/profile' },
        },
        { provide: AuthGateway, useValue: gateway },
      ],
    });
    await TestBed.inject(SessionService).signIn('jane', 'old password 123');
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/profile', ProfilePage);
    harness.detectChanges();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  function fill(element: HTMLElement, name: string, value: string): void {
    const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
    if (!input) {
      throw new Error(`input ${name} missing`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  async function submit(harness: RouterTestingHarness, element: HTMLElement): Promise<void> {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  beforeEach(() => {
    sessionStorage.clear();
    gateway = {
      token: jest.fn().mockResolvedValue({ access_token: 'a.e30.b', token_type: 'bearer', expires_in: 3600 }),
      me: jest.fn().mockResolvedValue(me),
      refresh: jest.fn(),
      changePassword: jest.fn(),
    };
  });

  it('shows the account of the signed-in user', async () => {
    const { element } = await open();
    expect(element.querySelector('[data-testid="profile-username"]')?.textContent).toContain('jane');
    expect(element.textContent).toContain('Acme Corp');
  });

  it('shows the server refusal of the current password on that field', async () => {
    gateway.changePassword.mockRejectedValue(
      new HttpErrorResponse({
        status: 400,
        error: {
          title: 'Bad Request',
          status: 400,
          detail: 'The current password is incorrect',
          errors: [{ field: 'currentPassword', message: 'The current password is incorrect' }],
        },
      }),
    );
    const { harness, element } = await open();

    fill(element, 'currentPassword', 'wrong password!');
    fill(element, 'newPassword', 'a much longer secret 42');
    fill(element, 'confirmPassword', 'a much longer secret 42');
    await submit(harness, element);

    expect(gateway.changePassword).toHaveBeenCalledWith('wrong password!', 'a much longer secret 42');
    expect(element.querySelector('[data-testid="current-password-error"]')?.textContent).toContain(
      'The current password is incorrect',
    );
  });

  it('refuses a short or unconfirmed password before calling the api', async () => {
    const { harness, element } = await open();

    fill(element, 'currentPassword', 'old password 123');
    fill(element, 'newPassword', 'short');
    fill(element, 'confirmPassword', 'different');
    await submit(harness, element);

    expect(gateway.changePassword).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Use at least 12 characters');
    expect(element.textContent).toContain('The passwords do not match');
  });
});
