import { HttpErrorResponse } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUTH_CONFIG } from '../auth/auth-config';
import { AuthGateway, Me } from '../auth/auth-gateway';
import { LoginPageComponent, safeReturnUrl } from './login-page.component';

@Component({ template: 'target' })
class TargetPage {}

const me: Me = {
  id: 2,
  username: 'ana',
  displayName: 'Ana',
  email: null,
  role: 'analyst',
  scopes: ['analyst'],
  customers: [],
  mustChangePassword: false,
};

describe('LoginPageComponent', () => {
  let gateway: { token: jest.Mock; me: jest.Mock };

  async function open(url: string): Promise<{ harness: RouterTestingHarness; element: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginPageComponent },
          { path: 'customers', component: TargetPage },
          { path: 'users', component: TargetPage },
          { path: 'profile', component: TargetPage },
        ]),
        {
          provide: AUTH_CONFIG,
          useValue: { clientId: 'console', appName: 'CoPilot Console', loginPath: '/login', homePath: '/customers', profilePath: '/profile' },
        },
        { provide: AuthGateway, useValue: gateway },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, LoginPageComponent);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  async function signIn(harness: RouterTestingHarness, element: HTMLElement): Promise<void> {
    for (const [name, value] of [
      ['username', 'ana'],
      ['password', 'a long passphrase'],
    ]) {
      const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
      if (!input) {
        throw new Error(`input ${name} missing`);
      }
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await harness.fixture.whenStable();
    harness.detectChanges();
  }

  beforeEach(() => {
    sessionStorage.clear();
    gateway = {
      token: jest.fn().mockResolvedValue({ access_token: 'a.e30.b', token_type: 'bearer', expires_in: 3600 }),
      me: jest.fn().mockResolvedValue(me),
    };
  });

  it("shows the server's refusal as sent", async () => {
    gateway.token.mockRejectedValue(
      new HttpErrorResponse({
        status: 403,
        error: { title: 'Forbidden', status: 403, detail: 'This is a customer account: sign in at the customer portal' },
      }),
    );
    const { harness, element } = await open('/login');

    await signIn(harness, element);

    expect(gateway.token).toHaveBeenCalledWith('ana', 'a long passphrase', 'console');
    expect(element.querySelector('[data-testid="login-error"]')?.textContent).toContain(
      'This is a customer account: sign in at the customer portal',
    );
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(sessionStorage.length).toBe(0);
  });

  it('returns to the page the user asked for', async () => {
    const { harness, element } = await open('/login?returnUrl=%2Fusers%3Fq%3Dana');

    await signIn(harness, element);

    expect(TestBed.inject(Router).url).toBe('/users?q=ana');
  });

  it('sends a user who must change the password to the profile first', async () => {
    gateway.me.mockResolvedValue({ ...me, mustChangePassword: true });
    const { harness, element } = await open('/login');

    await signIn(harness, element);

    expect(TestBed.inject(Router).url).toBe('/profile?mustChange=1');
  });

  it('accepts only same-app return URLs', () => {
    expect(safeReturnUrl('/users', '/')).toBe('/users');
    expect(safeReturnUrl('//evil.example', '/')).toBe('/');
    expect(safeReturnUrl('https://evil.example', '/')).toBe('/');
    expect(safeReturnUrl(null, '/home')).toBe('/home');
  });
});
