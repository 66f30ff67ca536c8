import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { ActivatedRoute, Router } from '@angular/router';
import { ChangePasswordFormComponent, PageHeaderComponent, SessionService } from '@copilot/ui';
import { map } from 'rxjs';
import { roleLabel } from '../users/roles';

/** The signed-in analyst's own account and password. */
@Component({
  selector: 'cp-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCard, MatCardContent, MatCardHeader, MatCardTitle, PageHeaderComponent, ChangePasswordFormComponent],
  template: `
    <section class="ui-page">
      <ui-page-header title="Profile" />
      @if (mustChange()) {
        <div class="notice" role="status">Please choose a new password before you continue.</div>
      }
      @if (session.user(); as user) {
        <mat-card appearance="outlined">
          <mat-card-header><mat-card-title>Account</mat-card-title></mat-card-header>
          <mat-card-content>
            <dl>
              <dt>Username</dt>
              <dd>{{ user.username }}</dd>
              <dt>Name</dt>
              <dd>{{ user.displayName || '—' }}</dd>
              <dt>Email</dt>
              <dd>{{ user.email || '—' }}</dd>
              <dt>Role</dt>
              <dd>{{ roleLabel(user.role) }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
      }
      <mat-card appearance="outlined">
        <mat-card-header><mat-card-title>Change password</mat-card-title></mat-card-header>
        <mat-card-content>
          <ui-change-password-form (changed)="passwordChanged()" />
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 24px;
      margin: 8px 0 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .notice {
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class ProfilePage {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly roleLabel = roleLabel;
  private readonly mustChangeParam = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.has('mustChange'))),
    { initialValue: false },
  );
  protected readonly mustChange = computed(
    () => this.session.user()?.mustChangePassword === true || this.mustChangeParam(),
  );

  protected passwordChanged(): void {
    if (this.mustChangeParam()) {
      void this.router.navigate(['/']);
    }
  }
}
