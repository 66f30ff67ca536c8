import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { setServerError } from '@copilot/ui';
import { LogoInputComponent } from './logo-input.component';

/** Same rule as the api: 2–32 characters, lowercase letters, digits, - or _, starting with a letter or digit. */
export const CUSTOMER_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{1,31}$/;

export interface CustomerFormValue {
  customerCode: string;
  name: string;
  type: string;
  parentCustomerCode: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  address: string;
  notes: string;
  logo: string | null;
}

/** Fields shared by "new customer" and "edit customer"; the code is fixed once created. */
@Component({
  selector: 'cp-customer-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatError, MatHint, MatButton, LogoInputComponent],
  templateUrl: './customer-form.component.html',
  styles: `
    .wide {
      width: 100%;
    }
  `,
})
export class CustomerFormComponent {
  /** Values to start from (edit); absent for a new customer. */
  readonly initial = input<Partial<CustomerFormValue> | null>(null);
  readonly codeLocked = input(false);
  readonly saving = input(false);
  readonly submitLabel = input('Save');
  /** Field name → message from the api's last answer. */
  readonly serverErrors = input<Record<string, string>>({});
  readonly submitted = output<CustomerFormValue>();
  readonly cancelled = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    customerCode: ['', [Validators.required, Validators.pattern(CUSTOMER_CODE_PATTERN)]],
    name: ['', [Validators.required, Validators.maxLength(128)]],
    type: [''],
    parentCustomerCode: [''],
    contactName: [''],
    contactEmail: ['', Validators.email],
    contactPhone: [''],
    address: [''],
    notes: [''],
    logo: new FormControl<string | null>(null),
  });

  constructor() {
    effect(() => {
      const initial = this.initial();
      if (initial) {
        this.form.reset({ ...this.form.getRawValue(), ...initial });
      }
    });
    effect(() => {
      if (this.codeLocked()) {
        this.form.controls.customerCode.disable();
      } else {
        this.form.controls.customerCode.enable();
      }
    });
    effect(() => {
      for (const [field, message] of Object.entries(this.serverErrors())) {
        setServerError(this.form.get(field), message);
      }
    });
  }

  protected setLogo(logo: string | null): void {
    this.form.controls.logo.setValue(logo);
    this.form.controls.logo.markAsDirty();
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.submitted.emit({ ...value, customerCode: value.customerCode.trim(), name: value.name.trim() });
  }

  /** Marks the current values as saved (no unsaved changes). */
  markSaved(): void {
    this.form.markAsPristine();
  }
}
