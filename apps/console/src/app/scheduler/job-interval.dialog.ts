import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
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
import { fieldErrors, problemMessage, setServerError } from '@copilot/ui';
import { Job, SchedulerData } from './scheduler-data.service';

export const MIN_INTERVAL = 1;
export const MAX_INTERVAL = 10080;

/** Changes how often a job runs (1 minute to 7 days); the api's refusal is shown on the field. */
@Component({
  selector: 'cp-job-interval',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
  ],
  template: `
    <h2 mat-dialog-title>Interval of {{ job.id }}</h2>
    <mat-dialog-content>
      <form id="job-interval-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field class="field">
          <mat-label>Run every (minutes)</mat-label>
          <input matInput type="number" formControlName="intervalMinutes" [min]="min" [max]="max" step="1" required />
          <mat-hint>{{ min }} to {{ max }} minutes (7 days)</mat-hint>
          @if (form.controls.intervalMinutes.getError('server'); as message) {
            <mat-error data-testid="interval-error">{{ message }}</mat-error>
          } @else {
            <mat-error>Enter a whole number from {{ min }} to {{ max }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="ui-error-text" role="alert">{{ message }}</p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="job-interval-form" [disabled]="busy()">Save interval</button>
    </mat-dialog-actions>
  `,
  styles: `
    .field {
      width: 100%;
      padding-top: 4px;
    }
  `,
})
export class JobIntervalDialog {
  private readonly data = inject(SchedulerData);
  private readonly ref = inject<MatDialogRef<JobIntervalDialog, Job>>(MatDialogRef);
  protected readonly job = inject<Job>(MAT_DIALOG_DATA);
  protected readonly min = MIN_INTERVAL;
  protected readonly max = MAX_INTERVAL;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    intervalMinutes: [
      this.job.intervalMinutes,
      [Validators.required, Validators.min(MIN_INTERVAL), Validators.max(MAX_INTERVAL), Validators.pattern(/^\d+$/)],
    ],
  });

  protected async save(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.setInterval(this.job.id, Number(this.form.controls.intervalMinutes.value)));
    } catch (error) {
      const message = fieldErrors(error)['intervalMinutes'];
      if (message) {
        setServerError(this.form.controls.intervalMinutes, message);
      } else {
        this.error.set(problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
