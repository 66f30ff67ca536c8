import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUTH_CONFIG, AuthGateway, Me, SessionService } from '@copilot/ui';
import { OverviewPage } from './overview.page';

function me(customers: Me['customers'], mustChangePassword = false): Me {
  return {
    id: 7,
    username: 'jane',
    displayName: 'Jane Doe',
    email: null,
    role: 'customer_user',
    scopes: ['customer_user'],
    customers,
    mustChangePassword,
  };
}

async function render(user: Me): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: 'overview', component: OverviewPage }]),
      {
        provide: AUTH_CONFIG,
        useValue: { clientId: 'portal', appName: 'Portal', loginPath: '/login', homePath: '/overview', profilePath: '/profile' },
      },
      {
        provide: AuthGateway,
        useValue: {
          token: jest.fn().mockResolvedValue({ access_token: 'a.e30.b', token_type: 'bearer', expires_in: 3600 }),
          me: jest.fn().mockResolvedValue(user),
        },
      },
    ],
  });
  await TestBed.inject(SessionService).signIn('jane', 'pw');
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl('/overview', OverviewPage);
  harness.detectChanges();
  return harness.routeNativeElement as HTMLElement;
}

describe('OverviewPage', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists every organisation of the account', async () => {
    const element = await render(
      me([
        { customerCode: 'acme', name: 'Acme Corp' },
        { customerCode: 'globex', name: 'Globex' },
      ]),
    );
    const cards = element.querySelectorAll('[data-testid="customer-cards"] mat-card');
    expect(cards).toHaveLength(2);
    expect(cards[1].textContent).toContain('Globex');
    expect(element.textContent).toContain('Your organisations');
    expect(element.textContent).toContain('Jane Doe');
  });

  it('explains an account without organisations and asks for a new password when required', async () => {
    const element = await render(me([], true));
    expect(element.textContent).toContain('No organisation is linked to this account');
    expect(element.textContent).toContain('Please choose your own');
  });
});
