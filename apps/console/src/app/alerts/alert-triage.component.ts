import { ChangeDetectionStrategy, Component, computed, effect, input, output, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { AlertTagsComponent } from './alert-tags.component';
import { AlertVerdictComponent } from './alert-verdict.component';
import type { Alert, AlertPatch, AssignableUser } from './alerts-data.service';
import { ALERT_SEVERITIES, ALERT_STATUS_LABELS, ALERT_STATUSES, AlertSeverity, AlertStatus, personName } from '@copilot/ui';

/**
 * Triage of one alert. Status, assignee, severity, escalation and tags are saved as soon as they change
 * (one field-level PATCH each); the verdict has its own form because a false positive needs a reason.
 */
@Component({
  selector: 'cp-alert-triage',
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
    AlertTagsComponent,
    AlertVerdictComponent,
  ],
  templateUrl: './alert-triage.component.html',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 6px;
    }
    .status {
      margin-bottom: 16px;
    }
    mat-button-toggle-group {
      width: 100%;
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
    .escalated {
      margin: 0 0 20px;
    }
  `,
})
export class AlertTriageComponent {
  readonly alert = input.required<Alert>();
  readonly assignees = input<readonly AssignableUser[]>([]);
  readonly meId = input<number | null>(null);
  readonly disabled = input(false);
  readonly patch = output<AlertPatch>();

  protected readonly statuses = ALERT_STATUSES;
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly severities = ALERT_SEVERITIES;
  protected readonly personName = personName;
  protected readonly status = new FormControl<AlertStatus>('OPEN', { nonNullable: true });
  protected readonly assignee = new FormControl<number | null>(null);
  protected readonly severity = new FormControl<AlertSeverity>('Low', { nonNullable: true });
  protected readonly escalated = new FormControl(false, { nonNullable: true });
  /** Assignable users, plus the current assignee when it is no longer assignable (disabled, role changed). */
  protected readonly options = computed(() => {
    const users = this.assignees();
    const current = this.alert().assigneeId;
    return current === null || users.some((u) => u.id === current)
      ? users
      : [...users, { id: current, username: `User #${current}`, displayName: null }];
  });

  constructor() {
    // Every new alert value (saved, reloaded, or a refused save) puts the controls back on the server's state.
    effect(() => {
      const alert = this.alert();
      const disabled = this.disabled();
      untracked(() => {
        const opts = { emitEvent: false };
        this.status.setValue(alert.status, opts);
        this.assignee.setValue(alert.assigneeId, opts);
        this.severity.setValue(alert.severity, opts);
        this.escalated.setValue(alert.escalated, opts);
        for (const control of [this.status, this.assignee, this.severity, this.escalated]) {
          if (disabled) {
            control.disable(opts);
          } else {
            control.enable(opts);
          }
        }
      });
    });
  }

  protected setStatus(status: AlertStatus): void {
    this.patch.emit({ status });
  }

  protected setAssignee(assigneeId: number | null): void {
    this.patch.emit({ assigneeId });
  }

  protected setSeverity(severity: AlertSeverity): void {
    this.patch.emit({ severity });
  }

  protected setEscalated(escalated: boolean): void {
    this.patch.emit({ escalated });
  }

  protected setTags(tags: string[]): void {
    this.patch.emit({ tags });
  }
}
