import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AUTH_CONFIG } from './auth-config';
import { SessionService } from './session.service';

const TOKEN_PATH = '/api/auth/token';

function isApiRequest(url: string): boolean {
  if (url.startsWith('/api/')) {
    return true;
  }
  try {
    const parsed = new URL(url);
    return parsed.origin === globalThis.location?.origin && parsed.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/**
 * Adds the bearer token to same-origin api calls. A 401 from any call but the sign-in itself ends the session
 * and sends the user to the sign-in page, which brings them back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionService);
  const router = inject(Router);
  const config = inject(AUTH_CONFIG);
  const isSignIn = request.url.endsWith(TOKEN_PATH);
  const token = session.token();
  const outgoing =
    token && !isSignIn && isApiRequest(request.url)
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;

  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !isSignIn && isApiRequest(request.url)) {
        const hadSession = session.signedIn();
        session.signOut();
        const current = router.url;
        if (!current.startsWith(config.loginPath)) {
          const queryParams: Record<string, string> = { returnUrl: current };
          if (hadSession) {
            queryParams['reason'] = 'expired';
          }
          void router.navigate([config.loginPath], { queryParams });
        }
      }
      return throwError(() => error);
    }),
  );
};
