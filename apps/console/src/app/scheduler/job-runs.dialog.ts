import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { EmptyStateComponent, StatusChipComponent, problemMessage } from '@copilot/ui';
import { Job, JobRun, SchedulerData } from './scheduler-data.service';

const STATUS_LABELS: Record<JobRun['status'], string> = { running: 'In progress', succeeded: 'OK', failed: 'Failed' };

/** The 50 most recent runs of one job, newest first. */
@Component({
  selector: 'cp-job-runs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatProgressBar,
    MatTableModule,
    EmptyStateComponent,
    StatusChipComponent,
  ],
  template: `
    <h2 mat-dialog-title>Recent runs of {{ job.id }}</h2>
    <mat-dialog-content>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (error(); as message) {
        <ui-empty-state icon="error_outline" title="Runs could not be loaded" [message]="message" />
      } @else if (!loading() && runs().length === 0) {
        <ui-empty-state icon="history" title="No runs yet" />
      } @else {
        <table mat-table [dataSource]="runs()" aria-label="Recent runs">
          <ng-container matColumnDef="startedAt">
            <th mat-header-cell *matHeaderCellDef>Started</th>
            <td mat-cell *matCellDef="let r">{{ r.startedAt | date: 'medium' }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Outcome</th>
            <td mat-cell *matCellDef="let r"><ui-status-chip [label]="statusLabel(r)" /></td>
          </ng-container>
          <ng-container matColumnDef="trigger">
            <th mat-header-cell *matHeaderCellDef>Trigger</th>
            <td mat-cell *matCellDef="let r">{{ r.trigger === 'manual' ? 'Manual (' + (r.actorUsername ?? '?') + ')' : 'Schedule' }}</td>
          </ng-container>
          <ng-container matColumnDef="duration">
            <th mat-header-cell *matHeaderCellDef>Duration</th>
            <td mat-cell *matCellDef="let r">{{ r.durationMs === null ? '—' : (r.durationMs | number) + ' ms' }}</td>
          </ng-container>
          <ng-container matColumnDef="result">
            <th mat-header-cell *matHeaderCellDef>Result</th>
            <td mat-cell *matCellDef="let r" [class.ui-error-text]="r.error">{{ r.error ?? r.summary ?? '—' }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
})
export class JobRunsDialog {
  private readonly data = inject(SchedulerData);
  protected readonly job = inject<Job>(MAT_DIALOG_DATA);
  protected readonly columns = ['startedAt', 'status', 'trigger', 'duration', 'result'];
  protected readonly runs = signal<JobRun[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected statusLabel(run: JobRun): string {
    return STATUS_LABELS[run.status];
  }

  private async load(): Promise<void> {
    try {
      this.runs.set(await this.data.recentRuns(this.job.id));
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
