import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  ChipTone,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
} from '@copilot/ui';
import { CaseLinkData, CaseLinkDialog } from './case-link.dialog';
import type { Case } from './cases-data.service';

type LinkedAlert = Case['alerts'][number];

/**
 * Alerts linked to the case, oldest link first, and "Link alerts" to add more of the same organisation's.
 * Unlinking is the SOC's call (the api refuses it to customers), so there is no unlink here.
 */
@Component({
  selector: 'pt-case-alerts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon, MatTableModule, RouterLink, SeverityChipComponent, StatusChipComponent, TimeComponent],
  template: `
    <div class="actions">
      <button mat-stroked-button type="button" [disabled]="disabled()" (click)="openPicker()" data-testid="case-link-alerts">
        <mat-icon>add_link</mat-icon>Link alerts
      </button>
    </div>
    @if (case().alerts.length === 0) {
      <p class="ui-muted">No alerts are linked to this case yet.</p>
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
              <ui-status-chip [label]="statusLabel(a)" [tone]="statusTone(a)" />
            </td>
          </ng-container>
          <ng-container matColumnDef="linked">
            <th mat-header-cell *matHeaderCellDef>Linked</th>
            <td mat-cell *matCellDef="let a">
              <ui-time [at]="a.linkedAt" />
              <div class="ui-muted small">by {{ a.linkedBy }}</div>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'case-alert-' + row.id"></tr>
        </table>
      </div>
    }
  `,
  styles: `
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 8px;
    }
    .scroll {
      overflow-x: auto;
    }
    .mat-mdc-table {
      background: transparent;
    }
    td a {
      font: var(--mat-sys-title-small);
      text-decoration: none;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CaseAlertsComponent {
  private readonly dialog = inject(MatDialog);
  readonly case = input.required<Case>();
  /** Links alert ids to the case; rejects with the api's problem, which the picker shows. */
  readonly link = input.required<(alertIds: number[]) => Promise<void>>();
  readonly disabled = input(false);
  protected readonly columns = ['severity', 'title', 'status', 'linked'];

  protected statusLabel(alert: LinkedAlert): string {
    return ALERT_STATUS_LABELS[alert.status];
  }

  protected statusTone(alert: LinkedAlert): ChipTone {
    return ALERT_STATUS_TONES[alert.status];
  }

  protected openPicker(): void {
    const kase = this.case();
    this.dialog.open<CaseLinkDialog, CaseLinkData, boolean>(CaseLinkDialog, {
      data: { customerCode: kase.customerCode, linked: kase.alerts.map((a) => a.id), link: this.link() },
      width: '640px',
      autoFocus: 'first-tabbable',
    });
  }
}
