import { Injectable, InjectionToken, inject } from '@angular/core';
import { SchedulerService } from '@copilot/client';
import { ApiResult, settle } from '@copilot/ui';

export type Job = ApiResult<SchedulerService, 'schedulerGet'>;
export type JobRun = ApiResult<SchedulerService, 'schedulerGetRun'>;

/** How long to wait between two polls of a run started with "Run now". */
export const RUN_POLL_INTERVAL_MS = new InjectionToken<number>('RUN_POLL_INTERVAL_MS', { factory: () => 1000 });

/** Scheduler calls of the console, through the generated client. */
@Injectable({ providedIn: 'root' })
export class SchedulerData {
  private readonly api = inject(SchedulerService);
  private readonly pollMs = inject(RUN_POLL_INTERVAL_MS);

  async list(): Promise<Job[]> {
    return (await settle(this.api.schedulerList())).items;
  }

  get(id: string): Promise<Job> {
    return settle(this.api.schedulerGet({ id }));
  }

  pause(id: string): Promise<Job> {
    return settle(this.api.schedulerPause({ id }));
  }

  start(id: string): Promise<Job> {
    return settle(this.api.schedulerStart({ id }));
  }

  setInterval(id: string, intervalMinutes: number): Promise<Job> {
    return settle(this.api.schedulerUpdate({ id, body: { intervalMinutes } }));
  }

  recentRuns(id: string): Promise<JobRun[]> {
    return settle(this.api.schedulerRecentRuns({ id }));
  }

  /** Starts a run (202) or joins the one already going. */
  runNow(id: string): Promise<JobRun> {
    return settle(this.api.schedulerRunNow({ id }));
  }

  getRun(runId: string): Promise<JobRun> {
    return settle(this.api.schedulerGetRun({ runId }));
  }

  /**
   * Polls a run every {@link RUN_POLL_INTERVAL_MS} until it is no longer running and resolves to its final
   * state; resolves to null when `cancelled()` turns true first (the page went away).
   */
  async waitForRun(run: JobRun, cancelled: () => boolean): Promise<JobRun | null> {
    let current = run;
    while (current.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      if (cancelled()) {
        return null;
      }
      current = await this.getRun(current.id);
    }
    return current;
  }
}
