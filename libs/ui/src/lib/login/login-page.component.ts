import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';
import { problemMessage } from '../api/problem';
import { AUTH_CONFIG } from '../auth/auth-config';
import { SessionService } from '../auth/session.service';
import { ThemeToggleComponent } from '../theme/theme-toggle.component';

const REASONS: Record<string, string> = {
  expired: 'Your session has ended. Please sign in again.',
  forbidden: 'That account cannot use this application.',
};

/** Only same-app paths are accepted as a return URL (no protocol-relative or absolute URLs). */
export function safeReturnUrl(value: string | null | undefined, fallback: string): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
}

/** Username/password sign-in for either app; the api's refusal (wrong app, bad credentials, throttling) is shown as sent. */
@Component({
  selector: 'ui-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    MatButton,
    MatIcon,
    MatProgressBar,
    ThemeToggleComponent,
  ],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
})
export class LoginPageComponent {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly config = inject(AUTH_CONFIG);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly reason = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('reason'))), {
    initialValue: null,
  });
  protected readonly notice = computed(() => {
    const reason = this.reason();
    return this.error() === null && reason ? (REASONS[reason] ?? null) : null;
  });

  async submit(directive: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { username, password } = this.form.getRawValue();
    try {
      const me = await this.session.signIn(username.trim(), password);
      const returnUrl = safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl'), this.config.homePath);
      if (me.mustChangePassword) {
        await this.router.navigate([this.config.profilePath], { queryParams: { mustChange: 1 } });
      } else {
        await this.router.navigateByUrl(returnUrl);
      }
    } catch (error) {
      this.session.signOut();
      this.error.set(problemMessage(error));
      // Clear the password without flagging the now-empty field as an error.
      directive.resetForm({ username, password: '' });
    } finally {
      this.busy.set(false);
    }
  }
}
