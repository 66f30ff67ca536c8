import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { CASE_DESCRIPTION_MAX, CASE_NAME_MAX, fieldErrors, problemMessage } from '@copilot/ui';
import { Case, PortalCasesData } from './cases-data.service';

export interface CaseCreateData {
  customers: readonly { customerCode: string; name: string }[];
  /** Preselected organisation (the list's filter), else the first. */
  customerCode: string | null;
}

/** New case: organisation (only asked when the user has several), name and description. Closes with the created case. */
@Component({
  selector: 'pt-case-create-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatLabel,
    MatInput,
    MatOption,
    MatProgressBar,
    MatSelect,
  ],
  template: `
    <h2 mat-dialog-title>New case</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <p class="ui-muted intro">Open a case to ask your security provider about something, or to collect related alerts.</p>
        @if (data.customers.length > 1) {
          <mat-form-field class="field">
            <mat-label>Organisation</mat-label>
            <mat-select formControlName="customerCode" data-testid="case-create-customer">
              @for (c of data.customers; track c.customerCode) {
                <mat-option [value]="c.customerCode">{{ c.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field class="field">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="nameMax" required data-testid="case-create-name" />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Give the case a name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="field">
          <mat-label>Description</mat-label>
          <textarea matInput rows="5" formControlName="description" data-testid="case-create-description"></textarea>
          <mat-hint>What happened, and what you would like your security provider to do.</mat-hint>
          @if (form.controls.description.hasError('maxlength')) {
            <mat-error>At most {{ descriptionMax }} characters.</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="ui-error-text" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Create case</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .intro {
      margin-top: 0;
    }
  `,
})
export class CaseCreateDialog {
  protected readonly data = inject<CaseCreateData>(MAT_DIALOG_DATA);
  private readonly api = inject(PortalCasesData);
  private readonly ref = inject<MatDialogRef<CaseCreateDialog, Case>>(MatDialogRef);
  protected readonly nameMax = CASE_NAME_MAX;
  protected readonly descriptionMax = CASE_DESCRIPTION_MAX;
  protected readonly form = new FormGroup({
    customerCode: new FormControl(this.data.customerCode ?? this.data.customers[0]?.customerCode ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(CASE_NAME_MAX)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(CASE_DESCRIPTION_MAX)] }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    const name = this.form.controls.name.value.trim();
    if (name === '') {
      this.form.controls.name.setValue('');
    }
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) {
      return;
    }
    const { customerCode, description } = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    try {
      const created = await this.api.create({ customerCode, name, description: description.trim() || null });
      this.ref.close(created);
    } catch (error) {
      // A 400 names its fields ("Name must …"); anything else has one sentence.
      this.error.set(Object.values(fieldErrors(error)).join(' ') || problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }
}
