import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import {
  Notifier,
  PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_HINT,
  fieldErrors,
  matchingPasswords,
  setServerError,
} from '@copilot/ui';
import { UsersData } from './users-data.service';

/** Admin reset of another user's password. */
@Component({
  selector: 'cp-reset-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatError, MatHint, MatButton],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit(directive)" #directive="ngForm" novalidate>
      <div class="ui-form-grid">
        <mat-form-field>
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>{{ hint }}</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Enter a password</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error>Use at least {{ minLength }} characters</mat-error>
          } @else if (form.controls.password.getError('server'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Confirm password</mat-label>
          <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" required />
          @if (form.controls.confirmPassword.hasError('required')) {
            <mat-error>Repeat the password</mat-error>
          } @else if (form.controls.confirmPassword.hasError('mismatch')) {
            <mat-error>The passwords do not match</mat-error>
          }
        </mat-form-field>
      </div>
      <div class="ui-form-actions">
        <button mat-stroked-button type="submit" [disabled]="busy()">Reset password</button>
      </div>
    </form>
  `,
})
export class ResetPasswordComponent {
  private readonly data = inject(UsersData);
  private readonly notifier = inject(Notifier);
  readonly userId = input.required<number>();
  protected readonly hint = PASSWORD_POLICY_HINT;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirmPassword: ['', Validators.required],
    },
    { validators: matchingPasswords('password', 'confirmPassword') },
  );

  protected async submit(directive: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      await this.data.resetPassword(this.userId(), this.form.controls.password.value);
      directive.resetForm();
      this.notifier.success('Password reset. Share it with the user over a safe channel.');
    } catch (error) {
      const message = fieldErrors(error)['password'];
      if (message) {
        setServerError(this.form.controls.password, message);
      } else {
        this.notifier.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
