import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { CASE_DESCRIPTION_MAX, CASE_NAME_MAX } from '@copilot/ui';
import type { CaseEdit } from './cases-data.service';

export interface CaseEditData {
  name: string;
  description: string | null;
}

/** Name and description of a case. Closes with only the fields that changed (nothing when none did); the page saves. */
@Component({
  selector: 'pt-case-edit-dialog',
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
    MatLabel,
    MatInput,
  ],
  template: `
    <h2 mat-dialog-title>Edit case</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <mat-form-field class="field">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="nameMax" required data-testid="case-edit-name" />
          @if (form.controls.name.hasError('required')) {
            <mat-error>Give the case a name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="field">
          <mat-label>Description</mat-label>
          <textarea matInput rows="8" formControlName="description" data-testid="case-edit-description"></textarea>
          @if (form.controls.description.hasError('maxlength')) {
            <mat-error>At most {{ descriptionMax }} characters.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
    }
  `,
})
export class CaseEditDialog {
  private readonly data = inject<CaseEditData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CaseEditDialog, CaseEdit>>(MatDialogRef);
  protected readonly nameMax = CASE_NAME_MAX;
  protected readonly descriptionMax = CASE_DESCRIPTION_MAX;
  protected readonly form = new FormGroup({
    name: new FormControl(this.data.name, { nonNullable: true, validators: [Validators.required, Validators.maxLength(CASE_NAME_MAX)] }),
    description: new FormControl(this.data.description ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(CASE_DESCRIPTION_MAX)],
    }),
  });

  protected submit(): void {
    const name = this.form.controls.name.value.trim();
    if (name === '') {
      this.form.controls.name.setValue('');
    }
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const description = this.form.controls.description.value.trim() || null;
    const edit: CaseEdit = {};
    if (name !== this.data.name) {
      edit.name = name;
    }
    if (description !== this.data.description) {
      edit.description = description;
    }
    this.ref.close(Object.keys(edit).length > 0 ? edit : undefined);
  }
}
