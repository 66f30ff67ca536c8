import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { SchedulerService } from '@copilot/client';
import { Notifier } from '@copilot/ui';
import { of } from 'rxjs';
import { JobListPage } from './job-list.page';
import { Job, JobRun, RUN_POLL_INTERVAL_MS, SchedulerData } from './scheduler-data.service';

const job: Job = {
  id: 'prune_audit_log',
  description: 'Deletes audit rows older than the retention',
  enabled: true,
  intervalMinutes: 1440,
  lastStart: null,
  lastSuccess: null,
  lastError: null,
  lastErrorAt: null,
  lastDurationMs: null,
  nextRun: '2026-01-02T00:00:00Z',
};

function run(status: JobRun['status'], extra: Partial<JobRun> = {}): JobRun {
  return {
    id: '6f1c2d9e-0000-4000-8000-000000000001',
    jobId: job.id,
    trigger: 'manual',
    status,
    startedAt: '2026-01-01T10:00:00Z',
    finishedAt: status === 'running' ? null : '2026-01-01T10:00:02Z',
    durationMs: status === 'running' ? null : 2000,
    summary: null,
    error: null,
    actorUsername: 'admin',
    ...extra,
  };
}

describe('JobListPage run now', () => {
  let api: { schedulerList: jest.Mock; schedulerRunNow: jest.Mock; schedulerGetRun: jest.Mock };
  let notifier: { success: jest.Mock; warn: jest.Mock; error: jest.Mock };

  beforeEach(() => {
    api = {
      schedulerList: jest.fn(() => of({ items: [job], nextCursor: null, total: 1 })),
      schedulerRunNow: jest.fn(() => of(run('running'))),
      schedulerGetRun: jest.fn(),
    };
    notifier = { success: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });

  it('polls the run until it finishes, then shows the outcome and reloads the jobs', async () => {
    api.schedulerGetRun
      .mockReturnValueOnce(of(run('running')))
      .mockReturnValueOnce(of(run('succeeded', { summary: 'deleted 12 rows' })));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'scheduler', component: JobListPage }]),
        { provide: SchedulerService, useValue: api },
        { provide: Notifier, useValue: notifier },
        { provide: RUN_POLL_INTERVAL_MS, useValue: 5 },
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/scheduler', JobListPage);
    await harness.fixture.whenStable();
    harness.detectChanges();
    const element = harness.routeNativeElement as HTMLElement;
    const runButton = element.querySelector<HTMLButtonElement>('button[aria-label="Run now"]');

    runButton?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.detectChanges();
    expect(element.textContent).toContain('Running…');

    await new Promise((resolve) => setTimeout(resolve, 50));
    await harness.fixture.whenStable();
    harness.detectChanges();

    expect(api.schedulerRunNow).toHaveBeenCalledWith({ id: 'prune_audit_log' });
    expect(api.schedulerGetRun).toHaveBeenCalledTimes(2);
    expect(api.schedulerGetRun).toHaveBeenCalledWith({ runId: run('running').id });
    expect(notifier.success).toHaveBeenCalledWith('prune_audit_log succeeded: deleted 12 rows');
    expect(api.schedulerList).toHaveBeenCalledTimes(2);
    expect(element.textContent).not.toContain('Running…');
  });

  it('waits a second between polls and reports a failed run', async () => {
    jest.useFakeTimers();
    try {
      api.schedulerGetRun.mockReturnValueOnce(of(run('failed', { error: 'disk full' })));
      TestBed.configureTestingModule({ providers: [{ provide: SchedulerService, useValue: api }] });
      const data = TestBed.inject(SchedulerData);

      const final = data.waitForRun(run('running'), () => false);
      await jest.advanceTimersByTimeAsync(999);
      expect(api.schedulerGetRun).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);

      await expect(final).resolves.toMatchObject({ status: 'failed', error: 'disk full' });
      expect(api.schedulerGetRun).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops polling when the page goes away', async () => {
    TestBed.configureTestingModule({
      providers: [{ provide: SchedulerService, useValue: api }, { provide: RUN_POLL_INTERVAL_MS, useValue: 1 }],
    });
    const data = TestBed.inject(SchedulerData);

    await expect(data.waitForRun(run('running'), () => true)).resolves.toBeNull();
    expect(api.schedulerGetRun).not.toHaveBeenCalled();
  });
});
