import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { EmptyStateComponent, Notifier, PageHeaderComponent, StatusChipComponent, problemMessage } from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { JobIntervalDialog } from './job-interval.dialog';
import { JobRunsDialog } from './job-runs.dialog';
import { Job, JobRun, SchedulerData } from './scheduler-data.service';

/** Scheduled jobs: state and last outcome, pause/start, run now (polled until it ends), interval, recent runs. */
@Component({
  selector: 'cp-job-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    MatIconButton,
    MatCard,
    MatIcon,
    MatProgressBar,
    MatProgressSpinner,
    MatTableModule,
    MatTooltip,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
  ],
  templateUrl: './job-list.page.html',
  styles: `
    .scroll {
      overflow-x: auto;
    }
    .job-id {
      font-family: monospace;
    }
    td.actions {
      white-space: nowrap;
    }
    .running {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    details summary {
      cursor: pointer;
      color: var(--mat-sys-error);
    }
    details pre {
      white-space: pre-wrap;
      max-width: 360px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class JobListPage {
  private readonly data = inject(SchedulerData);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private destroyed = false;

  protected readonly columns = ['job', 'enabled', 'interval', 'lastStart', 'lastSuccess', 'lastError', 'duration', 'nextRun', 'actions'];
  protected readonly jobs = signal<Job[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  /** Runs started here and still going, by job id. */
  protected readonly running = signal<ReadonlyMap<string, JobRun>>(new Map());
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    void this.load();
  }

  protected async setEnabled(job: Job, enabled: boolean): Promise<void> {
    await this.track(job.id, async () => {
      try {
        this.replace(await (enabled ? this.data.start(job.id) : this.data.pause(job.id)));
        this.notifier.success(enabled ? `${job.id} started.` : `${job.id} paused.`);
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected async runNow(job: Job): Promise<void> {
    let run: JobRun;
    try {
      run = await this.data.runNow(job.id);
    } catch (error) {
      this.notifier.error(error);
      return;
    }
    this.running.update((map) => new Map(map).set(job.id, run));
    try {
      const final = await this.data.waitForRun(run, () => this.destroyed);
      if (final === null) {
        return;
      }
      if (final.status === 'succeeded') {
        this.notifier.success(`${job.id} succeeded${final.summary ? `: ${final.summary}` : '.'}`);
      } else {
        this.notifier.warn(`${job.id} failed: ${final.error ?? 'no error recorded'}`);
      }
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.running.update((map) => {
        const next = new Map(map);
        next.delete(job.id);
        return next;
      });
    }
    await this.load();
  }

  protected async editInterval(job: Job): Promise<void> {
    const ref = this.dialog.open<JobIntervalDialog, Job, Job>(JobIntervalDialog, { data: job, width: '420px' });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) {
      this.replace(saved);
      this.notifier.success(`${job.id} now runs every ${saved.intervalMinutes} minutes.`);
    }
  }

  protected showRuns(job: Job): void {
    this.dialog.open<JobRunsDialog, Job>(JobRunsDialog, { data: job, width: '880px', maxWidth: '95vw' });
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.jobs.set(await this.data.list());
    } catch (error) {
      this.loadError.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private replace(job: Job): void {
    this.jobs.update((jobs) => jobs.map((item) => (item.id === job.id ? job : item)));
  }

  private async track(id: string, work: () => Promise<void>): Promise<void> {
    this.busy.update((ids) => new Set([...ids, id]));
    try {
      await work();
    } finally {
      this.busy.update((ids) => new Set([...ids].filter((other) => other !== id)));
    }
  }
}
