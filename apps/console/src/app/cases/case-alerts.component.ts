import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  AlertStatus,
  ChipTone,
  ConfirmService,
  Notifier,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
} from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { CaseLinkDialog } from './case-link.dialog';
import { Case, CasesData, LinkedAlert } from './cases-data.service';

/** The alerts linked to a case, with "Link alerts" (same customer) and unlink. Emits after every change. */
@Component({
  selector: 'cp-case-alerts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTableModule,
    MatTooltip,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  template: `
    <div class="bar">
      <span class="ui-muted">Alerts of {{ case().customerCode }} linked to this case, oldest link first.</span>
      <button mat-stroked-button type="button" [disabled]="disabled()" (click)="openLink()" data-testid="case-link-alerts">
        <mat-icon>add_link</mat-icon>Link alerts
      </button>
    </div>
    @if (case().alerts.length === 0) {
      <p class="ui-muted empty">No alerts linked yet.</p>
    } @else {
      <div class="scroll">
        <table mat-table [dataSource]="case().alerts" aria-label="Linked alerts">
          <ng-container matColumnDef="severity">
            <th mat-header-cell *matHeaderCellDef>Severity</th>
            <td mat-cell *matCellDef="let a"><ui-severity-chip [severity]="a.severity" /></td>
          </ng-container>
          <ng-container matColumnDef="title">
            <th mat-header-cell *matHeaderCellDef>Alert</th>
            <td mat-cell *matCellDef="let a">
              <a [routerLink]="['/alerts', a.id]">{{ a.title }}</a>
              <div class="ui-muted small">#{{ a.id }} · {{ a.source }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Status</th>
            <td mat-cell *matCellDef="let a">
              <ui-status-chip [label]="statusLabel(a.status)" [tone]="statusTone(a.status)" [attr.data-testid]="'linked-status-' + a.id" />
            </td>
          </ng-container>
          <ng-container matColumnDef="lastEvent">
            <th mat-header-cell *matHeaderCellDef>Last event</th>
            <td mat-cell *matCellDef="let a"><ui-time [at]="a.lastEventAt" /></td>
          </ng-container>
          <ng-container matColumnDef="linked">
            <th mat-header-cell *matHeaderCellDef>Linked</th>
            <td mat-cell *matCellDef="let a">
              <ui-time [at]="a.linkedAt" />
              <div class="ui-muted small">by {{ a.linkedBy }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let a">
              <button
                mat-icon-button
                type="button"
                aria-label="Unlink"
                matTooltip="Unlink from this case"
                [disabled]="disabled() || busy()"
                (click)="unlink(a)"
              >
                <mat-icon>link_off</mat-icon>
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'linked-alert-' + row.id"></tr>
        </table>
      </div>
    }
  `,
  styles: `
    .bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
      margin-bottom: 8px;
    }
    .scroll {
      overflow-x: auto;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .empty {
      padding: 16px 0;
    }
  `,
})
export class CaseAlertsComponent {
  private readonly data = inject(CasesData);
  private readonly dialog = inject(MatDialog);
  private readonly confirmer = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  readonly case = input.required<Case>();
  readonly disabled = input(false);
  readonly changed = output<void>();
  protected readonly columns = ['severity', 'title', 'status', 'lastEvent', 'linked', 'actions'];
  protected readonly busy = signal(false);

  protected statusLabel(status: AlertStatus): string {
    return ALERT_STATUS_LABELS[status];
  }

  protected statusTone(status: AlertStatus): ChipTone {
    return ALERT_STATUS_TONES[status];
  }

  protected async openLink(): Promise<void> {
    const ref = this.dialog.open<CaseLinkDialog, Case, Case>(CaseLinkDialog, { data: this.case(), width: '720px', maxWidth: '95vw' });
    const updated = await firstValueFrom(ref.afterClosed());
    if (updated) {
      const added = updated.alerts.length - this.case().alerts.length;
      this.notifier.success(added === 1 ? '1 alert linked.' : `${added} alerts linked.`);
      this.changed.emit();
    }
  }

  protected async unlink(alert: LinkedAlert): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Unlink alert #${alert.id}?`,
      message: `“${alert.title}” stays as it is; it is only no longer part of this case.`,
      confirmLabel: 'Unlink',
    });
    if (!confirmed) {
      return;
    }
    this.busy.set(true);
    try {
      await this.data.unlink(this.case().id, alert.id);
      this.notifier.success(`Alert #${alert.id} unlinked.`);
      this.changed.emit();
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.busy.set(false);
    }
  }
}
