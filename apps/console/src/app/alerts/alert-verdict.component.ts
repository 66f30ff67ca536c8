import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { REASON_LABELS, VERDICTS, VERDICT_LABELS, VERDICT_NOTE_MAX, VERDICT_REASONS, Verdict, VerdictReason } from '@copilot/ui';
import type { Alert, AlertPatch } from './alerts-data.service';

/** What a verdict form sends: the api wants a reason with FALSE_POSITIVE only, and a note only with a verdict. */
export function verdictPatch(verdict: Verdict | null, reason: VerdictReason | null, note: string): AlertPatch {
  if (verdict === null) {
    return { verdict: null };
  }
  const body: AlertPatch = { verdict };
  if (verdict === 'FALSE_POSITIVE' && reason !== null) {
    body.verdictReason = reason;
  }
  if (note.trim() !== '') {
    body.verdictNote = note.trim();
  }
  return body;
}

type VerdictChoice = Verdict | 'NONE';

/** Verdict with its reason (required for a false positive, so tuning has data) and an optional note. */
@Component({
  selector: 'cp-alert-verdict',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatOption, MatError, MatFormField, MatHint, MatLabel, MatInput, MatSelect],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" data-testid="verdict-form">
      <mat-form-field>
        <mat-label>Verdict</mat-label>
        <mat-select formControlName="verdict" data-testid="verdict-select">
          <mat-option value="NONE">Untriaged</mat-option>
          @for (verdict of verdicts; track verdict) {
            <mat-option [value]="verdict">{{ verdictLabels[verdict] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (form.controls.verdict.value === 'FALSE_POSITIVE') {
        <mat-form-field>
          <mat-label>Reason</mat-label>
          <mat-select formControlName="reason" data-testid="verdict-reason">
            @for (reason of reasons; track reason) {
              <mat-option [value]="reason">{{ reasonLabels[reason] }}</mat-option>
            }
          </mat-select>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>Choose why this is a false positive.</mat-error>
          }
        </mat-form-field>
      }
      @if (form.controls.verdict.value !== 'NONE') {
        <mat-form-field>
          <mat-label>Note</mat-label>
          <textarea matInput rows="2" formControlName="note"></textarea>
          @if (form.controls.note.hasError('maxlength')) {
            <mat-error>At most {{ noteMax }} characters.</mat-error>
          } @else {
            <mat-hint>Optional: what you checked</mat-hint>
          }
        </mat-form-field>
      }
      <div class="ui-form-actions">
        <button mat-stroked-button type="submit" [disabled]="disabled()">Save verdict</button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
    }
  `,
})
export class AlertVerdictComponent {
  readonly alert = input.required<Pick<Alert, 'verdict' | 'verdictReason' | 'verdictNote'>>();
  readonly disabled = input(false);
  readonly save = output<AlertPatch>();

  protected readonly verdicts = VERDICTS;
  protected readonly verdictLabels = VERDICT_LABELS;
  protected readonly reasons = VERDICT_REASONS;
  protected readonly reasonLabels = REASON_LABELS;
  protected readonly noteMax = VERDICT_NOTE_MAX;
  protected readonly form = new FormGroup({
    verdict: new FormControl<VerdictChoice>('NONE', { nonNullable: true }),
    reason: new FormControl<VerdictReason | null>(null),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(VERDICT_NOTE_MAX)] }),
  });
  private shown = '';

  constructor() {
    // Reset to the saved verdict when it changes on the server, not on every other change of the alert.
    effect(() => {
      const { verdict, verdictReason, verdictNote } = this.alert();
      const key = JSON.stringify([verdict, verdictReason, verdictNote]);
      if (key !== this.shown) {
        this.shown = key;
        untracked(() => this.form.reset({ verdict: verdict ?? 'NONE', reason: verdictReason, note: verdictNote ?? '' }));
      }
    });
    this.form.controls.verdict.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((verdict) => this.requireReason(verdict === 'FALSE_POSITIVE'));
  }

  protected submit(): void {
    this.requireReason(this.form.controls.verdict.value === 'FALSE_POSITIVE');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { verdict, reason, note } = this.form.getRawValue();
    this.save.emit(verdictPatch(verdict === 'NONE' ? null : verdict, reason, note));
  }

  private requireReason(required: boolean): void {
    const reason = this.form.controls.reason;
    reason.setValidators(required ? [Validators.required] : []);
    reason.updateValueAndValidity({ emitEvent: false });
  }
}
