import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AUTH_CONFIG, AuthConfig } from './auth-config';
import { AuthGateway, Me, TokenResponse } from './auth-gateway';
import { REFRESH_LEAD_MS, SessionService } from './session.service';

const config: AuthConfig = {
  clientId: 'console',
  appName: 'Test',
  loginPath: '/login',
  homePath: '/',
  profilePath: '/profile',
};
const STORAGE_KEY = 'copilot.console.token';

function base64url(value: object): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** An unsigned JWT whose `exp` is `secondsFromNow` after the (fake) current time. */
function jwt(secondsFromNow: number, sub = '1'): string {
  const exp = Math.floor(Date.now() / 1000) + secondsFromNow;
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub, exp })}.signature`;
}

function tokenResponse(token: string, expiresIn: number): TokenResponse {
  return { access_token: token, token_type: 'bearer', expires_in: expiresIn };
}

const me: Me = {
  id: 1,
  username: 'admin',
  displayName: 'Admin',
  email: null,
  role: 'admin',
  scopes: ['admin'],
  customers: [],
  mustChangePassword: false,
};

describe('SessionService', () => {
  let gateway: { token: jest.Mock; me: jest.Mock; refresh: jest.Mock; changePassword: jest.Mock };

  function create(): SessionService {
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: AuthGateway, useValue: gateway },
      ],
    });
    return TestBed.inject(SessionService);
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    sessionStorage.clear();
    localStorage.clear();
    gateway = { token: jest.fn(), me: jest.fn().mockResolvedValue(me), refresh: jest.fn(), changePassword: jest.fn() };
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('keeps the token in sessionStorage and memory, never in localStorage', async () => {
    const token = jwt(3600);
    gateway.token.mockResolvedValue(tokenResponse(token, 3600));
    const session = create();

    await session.signIn('admin', 'correct horse battery');

    expect(gateway.token).toHaveBeenCalledWith('admin', 'correct horse battery', 'console');
    expect(session.token()).toBe(token);
    expect(session.user()).toEqual(me);
    expect(sessionStorage.getItem(STORAGE_KEY)).toBe(token);
    expect(localStorage.length).toBe(0);
  });

  it('restores a stored session after a reload and discards an expired one', () => {
    const token = jwt(600);
    sessionStorage.setItem(STORAGE_KEY, token);
    expect(create().token()).toBe(token);

    TestBed.resetTestingModule();
    sessionStorage.setItem(STORAGE_KEY, jwt(-5));
    const expired = create();
    expect(expired.token()).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('refreshes about a minute before the token expires and stores the new token', async () => {
    const first = jwt(600);
    const second = jwt(1800, '1');
    gateway.token.mockResolvedValue(tokenResponse(first, 600));
    gateway.refresh.mockResolvedValue(tokenResponse(second, 1800));
    const session = create();
    await session.signIn('admin', 'pw');

    await jest.advanceTimersByTimeAsync(600_000 - REFRESH_LEAD_MS - 1_000);
    expect(gateway.refresh).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1_000);
    expect(gateway.refresh).toHaveBeenCalledTimes(1);
    expect(session.token()).toBe(second);
    expect(sessionStorage.getItem(STORAGE_KEY)).toBe(second);
  });

  it('signs out when the refresh is refused with 401', async () => {
    gateway.token.mockResolvedValue(tokenResponse(jwt(120), 120));
    gateway.refresh.mockRejectedValue(new HttpErrorResponse({ status: 401 }));
    const session = create();
    await session.signIn('admin', 'pw');

    await jest.advanceTimersByTimeAsync(60_000);

    expect(gateway.refresh).toHaveBeenCalledTimes(1);
    expect(session.token()).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('signOut clears the token, the user and the pending refresh', async () => {
    gateway.token.mockResolvedValue(tokenResponse(jwt(600), 600));
    const session = create();
    await session.signIn('admin', 'pw');

    session.signOut();
    await jest.advanceTimersByTimeAsync(700_000);

    expect(session.token()).toBeNull();
    expect(session.user()).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(gateway.refresh).not.toHaveBeenCalled();
  });

  it('answers scope checks from /me', async () => {
    gateway.token.mockResolvedValue(tokenResponse(jwt(600), 600));
    const session = create();
    await session.signIn('admin', 'pw');

    expect(session.hasAnyScope(['admin'])).toBe(true);
    expect(session.hasAnyScope(['customer_user'])).toBe(false);
  });
});
