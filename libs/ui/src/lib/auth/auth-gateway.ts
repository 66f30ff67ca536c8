import { Injectable, inject } from '@angular/core';
import { AuthService } from '@copilot/client';
import { ApiResult, settle } from '../api/api-call';

export type Me = ApiResult<AuthService, 'authMe'>;
export type TokenResponse = ApiResult<AuthService, 'authToken'>;
export type Role = Me['role'];

/** The auth endpoints, through the generated client. */
@Injectable({ providedIn: 'root' })
export class AuthGateway {
  private readonly auth = inject(AuthService);

  token(username: string, password: string, clientId: 'console' | 'portal'): Promise<TokenResponse> {
    return settle(this.auth.authToken({ body: { username, password, client_id: clientId } }));
  }

  me(): Promise<Me> {
    return settle(this.auth.authMe());
  }

  refresh(): Promise<TokenResponse> {
    return settle(this.auth.authRefresh());
  }

  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return settle(this.auth.authChangePassword({ body: { currentPassword, newPassword } })).then(() => undefined);
  }
}
