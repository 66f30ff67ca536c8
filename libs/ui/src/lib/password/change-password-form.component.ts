import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { fieldErrors, problemMessage } from '../api/problem';
import { SessionService } from '../auth/session.service';
import { Notifier } from '../notify/notifier.service';
import { PASSWORD_MIN_LENGTH, PASSWORD_POLICY_HINT, matchingPasswords, setServerError } from './password-policy';

/** Current + new + confirm; the api's field errors land on the matching field. */
@Component({
  selector: 'ui-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatError, MatHint, MatButton],
  templateUrl: './change-password-form.component.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 420px;
    }
    .form-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
      margin: 0 0 8px;
    }
    .actions {
      margin-top: 8px;
    }
  `,
})
export class ChangePasswordFormComponent {
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);
  readonly changed = output<void>();

  protected readonly hint = PASSWORD_POLICY_HINT;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirmPassword: ['', Validators.required],
    },
    { validators: matchingPasswords('newPassword', 'confirmPassword') },
  );

  async submit(directive: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.formError.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    try {
      await this.session.changePassword(currentPassword, newPassword);
      directive.resetForm();
      this.notifier.success('Your password was changed.');
      this.changed.emit();
    } catch (error) {
      const fields = fieldErrors(error);
      let placed = false;
      for (const [field, message] of Object.entries(fields)) {
        const control = this.form.get(field);
        if (control) {
          setServerError(control, message);
          placed = true;
        }
      }
      if (!placed) {
        this.formError.set(problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
