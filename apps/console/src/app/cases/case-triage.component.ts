import { ChangeDetectionStrategy, Component, computed, effect, input, output, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { CASE_STATUS_LABELS, CASE_STATUSES, CaseStatus, personName } from '@copilot/ui';
import type { AssignableUser, Case, CasePatch } from './cases-data.service';

/**
 * Status, assignee and escalation of a case, each saved as soon as it changes (one field-level PATCH). Closing
 * is not a plain PATCH: `close` asks the page, which offers to close the linked alerts too.
 */
@Component({
  selector: 'cp-case-triage',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatOption,
    MatFormField,
    MatLabel,
    MatIcon,
    MatSelect,
    MatSlideToggle,
  ],
  template: `
    <p class="label" id="case-status-label">Status</p>
    <mat-button-toggle-group
      [formControl]="status"
      (change)="setStatus($event.value)"
      aria-labelledby="case-status-label"
      data-testid="case-triage-status"
    >
      @for (s of statuses; track s) {
        <mat-button-toggle [value]="s">{{ statusLabels[s] }}</mat-button-toggle>
      }
    </mat-button-toggle-group>

    <div class="assignee">
      <mat-form-field floatLabel="always">
        <mat-label>Assignee</mat-label>
        <mat-select [formControl]="assignee" placeholder="Unassigned" (selectionChange)="patch.emit({ assigneeId: $event.value })" data-testid="case-triage-assignee">
          <mat-option [value]="null">Unassigned</mat-option>
          @for (user of options(); track user.id) {
            <mat-option [value]="user.id">{{ personName(user) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (meId() !== null && case().assigneeId !== meId()) {
        <button mat-button type="button" [disabled]="disabled()" (click)="patch.emit({ assigneeId: meId() })">
          <mat-icon>person_add</mat-icon>Take it
        </button>
      }
    </div>

    <mat-slide-toggle [formControl]="escalated" (change)="patch.emit({ escalated: $event.checked })" data-testid="case-triage-escalated">
      Escalated
    </mat-slide-toggle>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
    mat-button-toggle-group {
      width: 100%;
      margin-bottom: 12px;
    }
    mat-button-toggle {
      flex: 1 1 0;
    }
    .assignee {
      display: flex;
      align-items: baseline;
      gap: 8px;
      mat-form-field {
        flex: 1 1 auto;
      }
    }
  `,
})
export class CaseTriageComponent {
  readonly case = input.required<Case>();
  readonly assignees = input<readonly AssignableUser[]>([]);
  readonly meId = input<number | null>(null);
  readonly disabled = input(false);
  readonly patch = output<CasePatch>();
  /** The user picked Closed: the page confirms (and offers to close the linked alerts). */
  readonly closeRequested = output<void>();

  protected readonly statuses = CASE_STATUSES;
  protected readonly statusLabels = CASE_STATUS_LABELS;
  protected readonly personName = personName;
  protected readonly status = new FormControl<CaseStatus>('OPEN', { nonNullable: true });
  protected readonly assignee = new FormControl<number | null>(null);
  protected readonly escalated = new FormControl(false, { nonNullable: true });
  /** The assignable users, plus the current assignee when no longer assignable (so the select can show them). */
  protected readonly options = computed(() => {
    const users = this.assignees();
    const current = this.case().assigneeId;
    return current === null || users.some((u) => u.id === current)
      ? users
      : [...users, { id: current, username: `User #${current}`, displayName: null }];
  });

  constructor() {
    effect(() => {
      const kase = this.case();
      const disabled = this.disabled();
      untracked(() => {
        this.status.setValue(kase.status, { emitEvent: false });
        this.assignee.setValue(kase.assigneeId, { emitEvent: false });
        this.escalated.setValue(kase.escalated, { emitEvent: false });
        for (const control of [this.status, this.assignee, this.escalated]) {
          if (disabled) {
            control.disable({ emitEvent: false });
          } else {
            control.enable({ emitEvent: false });
          }
        }
      });
    });
  }

  protected setStatus(status: CaseStatus): void {
    if (status === 'CLOSED') {
      // Back to the saved state until the page has confirmed and saved.
      this.status.setValue(this.case().status, { emitEvent: false });
      this.closeRequested.emit();
    } else {
      this.patch.emit({ status });
    }
  }
}
