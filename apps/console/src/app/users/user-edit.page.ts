import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Router } from '@angular/router';
import {
  ConfirmService,
  EmptyStateComponent,
  Notifier,
  PageHeaderComponent,
  Role,
  SessionService,
  StatusChipComponent,
  fieldErrors,
  problemMessage,
  setServerError,
  statusOf,
} from '@copilot/ui';
import { CustomerAccessSelectComponent } from './customer-access-select.component';
import { ResetPasswordComponent } from './reset-password.component';
import { ASSIGNABLE_ROLES, ROLE_LABELS, isAssignableRole, roleLabel, usesCustomerAccess } from './roles';
import { User, UsersData } from './users-data.service';

/** One account: profile and role, disable, customer access, password reset, deletion. */
@Component({
  selector: 'cp-user-edit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardTitle,
    MatFormField,
    MatLabel,
    MatError,
    MatIcon,
    MatInput,
    MatProgressBar,
    MatSelect,
    MatOption,
    MatSlideToggle,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
    CustomerAccessSelectComponent,
    ResetPasswordComponent,
  ],
  templateUrl: './user-edit.page.html',
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
  `,
})
export class UserEditPage {
  private readonly data = inject(UsersData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly user = signal<User | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly customerCodes = signal<string[]>([]);
  protected readonly roles = ASSIGNABLE_ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleLabel = roleLabel;
  protected readonly isSelf = computed(() => this.user()?.id === this.session.user()?.id);
  protected readonly showsCustomerAccess = computed(() => usesCustomerAccess(this.user()?.role));
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [''],
    email: ['', Validators.email],
    role: ['analyst' as Role, Validators.required],
    disabled: [false],
  });

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.load(id));
    });
  }

  protected async saveAccount(user: User): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    await this.run(async () => {
      try {
        this.adopt(
          await this.data.update(user.id, {
            displayName: value.displayName.trim() || null,
            email: value.email.trim() || null,
            role: isAssignableRole(value.role) ? value.role : undefined,
            disabled: value.disabled,
          }),
        );
        this.notifier.success('User saved.');
      } catch (error) {
        const fields = Object.entries(fieldErrors(error)).filter(([field]) => this.form.get(field));
        fields.forEach(([field, message]) => setServerError(this.form.get(field), message));
        if (fields.length === 0) {
          this.notifier.error(error);
        }
      }
    });
  }

  protected async saveCustomers(user: User): Promise<void> {
    await this.run(async () => {
      try {
        await this.data.setCustomers(user.id, this.customerCodes());
        this.adopt(await this.data.get(user.id));
        this.notifier.success('Customer access saved.');
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected async remove(user: User): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Delete ${user.username}?`,
      message: 'The account is removed and can no longer sign in. Its past actions stay in the audit log.',
      confirmLabel: 'Delete user',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    await this.run(async () => {
      try {
        await this.data.remove(user.id);
        this.notifier.success(`User “${user.username}” deleted.`);
        await this.router.navigate(['/users']);
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected back(): void {
    void this.router.navigate(['/users']);
  }

  private adopt(user: User): void {
    this.user.set(user);
    this.customerCodes.set([...user.customerCodes]);
    this.form.reset({
      displayName: user.displayName ?? '',
      email: user.email ?? '',
      role: user.role,
      disabled: user.disabled,
    });
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.adopt(await this.data.get(id));
    } catch (error) {
      this.user.set(null);
      this.loadError.set(statusOf(error) === 404 ? 'This user does not exist.' : problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async run(task: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await task();
    } finally {
      this.busy.set(false);
    }
  }
}
