import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import type { Case } from './cases-data.service';

export interface CloseChoice {
  closeLinkedAlerts: boolean;
}

/** Confirms closing a case and offers to close its still-open linked alerts in the same step. */
@Component({
  selector: 'cp-case-close',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Close case #{{ kase.id }}?</h2>
    <mat-dialog-content>
      <p>“{{ kase.name }}” will be marked closed. You can reopen it later.</p>
      @if (openAlerts > 0) {
        <mat-checkbox [formControl]="alsoAlerts" data-testid="case-close-alerts">
          Also close the {{ openAlerts === 1 ? 'linked alert that is' : openAlerts + ' linked alerts that are' }} still open
        </mat-checkbox>
      } @else if (kase.alerts.length > 0) {
        <p class="ui-muted">Every linked alert is already closed.</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" (click)="confirm()">Close case</button>
    </mat-dialog-actions>
  `,
})
export class CaseCloseDialog {
  private readonly ref = inject<MatDialogRef<CaseCloseDialog, CloseChoice>>(MatDialogRef);
  protected readonly kase = inject<Case>(MAT_DIALOG_DATA);
  protected readonly openAlerts = this.kase.alerts.filter((a) => a.status !== 'CLOSED').length;
  protected readonly alsoAlerts = new FormControl(this.openAlerts > 0, { nonNullable: true });

  protected confirm(): void {
    this.ref.close({ closeLinkedAlerts: this.openAlerts > 0 && this.alsoAlerts.value });
  }
}
