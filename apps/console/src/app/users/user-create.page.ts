import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Router } from '@angular/router';
import {
  Notifier,
  PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_HINT,
  PageHeaderComponent,
  fieldErrors,
  matchingPasswords,
  problemMessage,
  setServerError,
  statusOf,
} from '@copilot/ui';
import { CustomerAccessSelectComponent } from './customer-access-select.component';
import { ASSIGNABLE_ROLES, AssignableRole, ROLE_LABELS, USERNAME_PATTERN, usesCustomerAccess } from './roles';
import { UsersData } from './users-data.service';

/** New account: role, customer access (analysts and customer users), and an initial password. */
@Component({
  selector: 'cp-user-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    PageHeaderComponent,
    CustomerAccessSelectComponent,
  ],
  templateUrl: './user-create.page.html',
})
export class UserCreatePage {
  private readonly data = inject(UsersData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly roles = ASSIGNABLE_ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly passwordHint = PASSWORD_POLICY_HINT;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly saving = signal(false);
  protected readonly customerCodes = signal<string[]>([]);
  protected readonly customersError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
      displayName: [''],
      email: ['', Validators.email],
      role: ['analyst' as AssignableRole, Validators.required],
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      confirmPassword: ['', Validators.required],
    },
    { validators: matchingPasswords('password', 'confirmPassword') },
  );
  protected readonly role = toSignal(this.form.controls.role.valueChanges, { initialValue: this.form.controls.role.value });
  protected readonly usesCustomerAccess = usesCustomerAccess;

  protected async save(): Promise<void> {
    const role = this.form.controls.role.value;
    const codes = usesCustomerAccess(role) ? this.customerCodes() : [];
    this.customersError.set(
      role === 'customer_user' && codes.length === 0 ? 'A customer user needs at least one customer.' : null,
    );
    if (this.form.invalid || this.customersError()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.saving.set(true);
    try {
      const user = await this.data.create({
        username: value.username.trim(),
        displayName: value.displayName.trim() || null,
        email: value.email.trim() || null,
        role,
        password: value.password,
        customerCodes: usesCustomerAccess(role) ? codes : undefined,
      });
      this.notifier.success(`User “${user.username}” created.`);
      await this.router.navigate(['/users', user.id]);
    } catch (error) {
      const fields = fieldErrors(error);
      if (statusOf(error) === 409 && !fields['username']) {
        fields['username'] = problemMessage(error);
      }
      let placed = false;
      for (const [field, message] of Object.entries(fields)) {
        if (field === 'customerCodes') {
          this.customersError.set(message);
          placed = true;
        } else if (this.form.get(field)) {
          setServerError(this.form.get(field), message);
          placed = true;
        }
      }
      if (!placed) {
        this.notifier.error(error);
      }
    } finally {
      this.saving.set(false);
    }
  }

  protected cancel(): void {
    void this.router.navigate(['/users']);
  }
}
