import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { statusOf } from '../api/problem';
import { AUTH_CONFIG, TOKEN_STORAGE } from './auth-config';
import { AuthGateway, Me } from './auth-gateway';
import { jwtExpiry } from './jwt';

/** Refresh this long before the token expires. */
export const REFRESH_LEAD_MS = 60_000;
/** When a refresh fails for a reason other than 401, try again after this delay (while the token lasts). */
export const REFRESH_RETRY_MS = 15_000;

/**
 * The signed-in session: the access token lives in memory and in the tab's sessionStorage (so a reload keeps
 * the session but closing the tab ends it), never in localStorage. A refresh is scheduled shortly before expiry.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly gateway = inject(AuthGateway);
  private readonly config = inject(AUTH_CONFIG);
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly storageKey = `copilot.${this.config.clientId}.token`;

  private readonly tokenState = signal<string | null>(null);
  private readonly userState = signal<Me | null>(null);
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private expiresAt: number | null = null;
  private userRequest: Promise<Me> | null = null;

  readonly token = this.tokenState.asReadonly();
  readonly user = this.userState.asReadonly();
  readonly signedIn = computed(() => this.tokenState() !== null);
  readonly scopes = computed(() => this.userState()?.scopes ?? []);
  readonly displayName = computed(() => {
    const user = this.userState();
    return user ? user.displayName || user.username : '';
  });

  constructor() {
    const stored = this.storage.getItem(this.storageKey);
    if (stored) {
      this.adopt(stored, null);
    }
    inject(DestroyRef).onDestroy(() => this.clearTimer());
  }

  /** Exchanges credentials for a token, then loads the account. Rejects with the api's problem on failure. */
  async signIn(username: string, password: string): Promise<Me> {
    const response = await this.gateway.token(username, password, this.config.clientId);
    this.userState.set(null);
    this.adopt(response.access_token, response.expires_in);
    return this.loadUser();
  }

  /** Loads `/api/auth/me`; concurrent callers share one request. */
  loadUser(): Promise<Me> {
    if (!this.userRequest) {
      this.userRequest = this.gateway
        .me()
        .then((me) => {
          if (this.tokenState() !== null) {
            this.userState.set(me);
          }
          return me;
        })
        .finally(() => {
          this.userRequest = null;
        });
    }
    return this.userRequest;
  }

  /** The account when a session exists (loading it once), or null when signed out or the token is refused. */
  async ensureUser(): Promise<Me | null> {
    if (this.tokenState() === null) {
      return null;
    }
    const current = this.userState();
    if (current) {
      return current;
    }
    try {
      return await this.loadUser();
    } catch {
      this.signOut();
      return null;
    }
  }

  hasAnyScope(scopes: readonly string[]): boolean {
    const mine = this.scopes();
    return scopes.some((scope) => mine.includes(scope));
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.gateway.changePassword(currentPassword, newPassword);
    const user = this.userState();
    if (user) {
      this.userState.set({ ...user, mustChangePassword: false });
    }
  }

  signOut(): void {
    this.clearTimer();
    this.expiresAt = null;
    this.tokenState.set(null);
    this.userState.set(null);
    this.storage.removeItem(this.storageKey);
  }

  /** Swaps the current token for a fresh one; a 401 ends the session. */
  async refresh(): Promise<void> {
    if (this.tokenState() === null) {
      return;
    }
    try {
      const response = await this.gateway.refresh();
      if (this.tokenState() !== null) {
        this.adopt(response.access_token, response.expires_in);
      }
    } catch (error) {
      if (statusOf(error) === 401) {
        this.signOut();
      } else if (this.expiresAt !== null && this.expiresAt - Date.now() > REFRESH_RETRY_MS) {
        this.startTimer(REFRESH_RETRY_MS);
      }
    }
  }

  private adopt(token: string, expiresInSeconds: number | null): void {
    const expiresAt = jwtExpiry(token) ?? (expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : null);
    if (expiresAt !== null && expiresAt <= Date.now()) {
      this.signOut();
      return;
    }
    this.expiresAt = expiresAt;
    this.tokenState.set(token);
    this.storage.setItem(this.storageKey, token);
    if (expiresAt !== null) {
      this.startTimer(Math.max(0, expiresAt - REFRESH_LEAD_MS - Date.now()));
    } else {
      this.clearTimer();
    }
  }

  private startTimer(delay: number): void {
    this.clearTimer();
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, delay);
  }

  private clearTimer(): void {
    if (this.refreshTimer !== null) {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = null;
    }
  }
}
