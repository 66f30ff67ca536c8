import { InjectionToken, Provider } from '@angular/core';

/** Which app is signing in and where its routes live. */
export interface AuthConfig {
  /** `client_id` sent to `POST /api/auth/token`. */
  clientId: 'console' | 'portal';
  /** Product name shown on the sign-in page. */
  appName: string;
  /** Router path of the sign-in page, e.g. `/login`. */
  loginPath: string;
  /** Where to go after signing in when no return URL is given. */
  homePath: string;
  /** Page holding the change-password form (shown first when the api demands a new password). */
  profilePath: string;
}

export const AUTH_CONFIG = new InjectionToken<AuthConfig>('AUTH_CONFIG');

/** Browser storage for the access token: the tab's sessionStorage, never localStorage. */
export const TOKEN_STORAGE = new InjectionToken<Storage>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: () => sessionStorage,
});

export function provideAuthConfig(config: AuthConfig): Provider {
  return { provide: AUTH_CONFIG, useValue: config };
}
