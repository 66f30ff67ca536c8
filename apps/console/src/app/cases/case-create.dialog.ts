import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { CASE_NAME_MAX, fieldErrors, problemMessage, setServerError } from '@copilot/ui';
import { CustomerSelectComponent } from '../shared/customer-select.component';
import { SOURCE_PATTERN } from './case-model';
import { Case, CasesData } from './cases-data.service';

/**
 * A new case: customer, name, description and, optionally, where it comes from (customer and source pick
 * the case template whose tasks are copied in). Closes with the created case.
 */
@Component({
  selector: 'cp-case-create',
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
    MatInput,
    MatLabel,
    MatProgressBar,
    CustomerSelectComponent,
  ],
  template: `
    <h2 mat-dialog-title>New case</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="fields">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <cp-customer-select
          [code]="customerCode()"
          (codeChange)="setCustomer($event)"
          label="Customer"
          [error]="customerError()"
          testId="case-create-customer"
        />
        <mat-form-field>
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required data-testid="case-create-name" />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Enter a name</mat-error>
          } @else if (form.controls.name.hasError('maxlength')) {
            <mat-error>At most {{ nameMax }} characters</mat-error>
          } @else if (form.controls.name.getError('server'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Description</mat-label>
          <textarea matInput rows="4" formControlName="description" data-testid="case-create-description"></textarea>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Source</mat-label>
          <input matInput formControlName="source" placeholder="e.g. wazuh" data-testid="case-create-source" />
          <mat-hint>Optional. With the customer, picks the case template whose tasks are copied in.</mat-hint>
          @if (form.controls.source.hasError('pattern')) {
            <mat-error>1–64 letters, digits, _ . : or -, starting with a letter or digit</mat-error>
          } @else if (form.controls.source.getError('server'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="ui-error-text" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Create case</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding-top: 4px;
    }
  `,
})
export class CaseCreateDialog {
  private readonly data = inject(CasesData);
  private readonly ref = inject<MatDialogRef<CaseCreateDialog, Case>>(MatDialogRef);
  private readonly initial = inject<{ customerCode: string | null } | null>(MAT_DIALOG_DATA, { optional: true });
  protected readonly nameMax = CASE_NAME_MAX;
  protected readonly customerCode = signal<string | null>(this.initial?.customerCode ?? null);
  protected readonly customerError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(CASE_NAME_MAX)]],
    description: [''],
    source: ['', Validators.pattern(SOURCE_PATTERN)],
  });

  protected setCustomer(code: string | null): void {
    this.customerCode.set(code);
    this.customerError.set(null);
  }

  protected async save(): Promise<void> {
    const customerCode = this.customerCode();
    if (customerCode === null) {
      this.customerError.set('Choose the customer');
    }
    if (this.form.invalid || customerCode === null) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.busy()) {
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await this.data.create({
        customerCode,
        name: value.name.trim(),
        description: value.description.trim() || null,
        source: value.source.trim() || undefined,
      });
      this.ref.close(created);
    } catch (error) {
      const fields = fieldErrors(error);
      if (fields['customerCode']) {
        this.customerError.set(fields['customerCode']);
      }
      setServerError(fields['name'] ? this.form.controls.name : null, fields['name'] ?? '');
      setServerError(fields['source'] ? this.form.controls.source : null, fields['source'] ?? '');
      if (!fields['customerCode'] && !fields['name'] && !fields['source']) {
        this.error.set(problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
