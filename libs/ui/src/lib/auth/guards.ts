import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { AUTH_CONFIG } from './auth-config';
import { SessionService } from './session.service';

/** Builds sign-in URLs; created inside the guard's injection context, usable after an await. */
function loginUrls(): (returnUrl: string, reason?: string) => UrlTree {
  const router = inject(Router);
  const config = inject(AUTH_CONFIG);
  return (returnUrl, reason) => {
    const queryParams: Record<string, string> = {};
    if (returnUrl && returnUrl !== '/' && !returnUrl.startsWith(config.loginPath)) {
      queryParams['returnUrl'] = returnUrl;
    }
    if (reason) {
      queryParams['reason'] = reason;
    }
    return router.createUrlTree([config.loginPath], { queryParams });
  };
}

/**
 * Lets a signed-in user through when they hold at least one of `scopes`. Signed-out users go to the sign-in
 * page with a return URL. A user without the scope goes to `redirectTo`, or, when none is given, is signed out
 * and sent to the sign-in page (the account does not belong in this app).
 */
export function scopeGuard(scopes: readonly string[], redirectTo?: string): CanActivateFn {
  return async (_route, state) => {
    const session = inject(SessionService);
    const router = inject(Router);
    const login = loginUrls();
    const user = await session.ensureUser();
    if (!user) {
      return login(state.url);
    }
    if (session.hasAnyScope(scopes)) {
      return true;
    }
    if (redirectTo !== undefined) {
      return router.parseUrl(redirectTo);
    }
    session.signOut();
    return login('', 'forbidden');
  };
}

/** Any signed-in user. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionService);
  const login = loginUrls();
  return (await session.ensureUser()) ? true : login(state.url);
};

/** The sign-in page: an already signed-in user goes straight home. */
export const guestGuard: CanActivateFn = async () => {
  const session = inject(SessionService);
  const home = inject(Router).parseUrl(inject(AUTH_CONFIG).homePath);
  return (await session.ensureUser()) ? home : true;
};
