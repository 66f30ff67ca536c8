import { JobContext, JobRegistry, JobRun, PROBLEM_CONTENT_TYPE, ScheduledJob, SchedulerService } from '@copilot/api-core';
import { Reply, TestApp } from '../testing/harness';

/** Shared by the scheduler specs: wire shapes, a controllable test job, and request helpers. */
export interface JobBody {
  id: string;
  description: string;
  enabled: boolean;
  intervalMinutes: number;
  lastStart: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastDurationMs: number | null;
  nextRun: string | null;
}

export interface RunBody {
  id: string;
  jobId: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  summary: string | null;
  error: string | null;
  actorUsername: string | null;
}

export interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));

/** A job the test controls: counts its calls; `hold()` makes the next runs wait until `release()`. */
export class TestJob implements ScheduledJob {
  readonly description: string;
  calls = 0;
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;

  constructor(
    readonly name: string,
    readonly defaultIntervalMinutes = 60,
    private readonly outcome: (ctx: JobContext) => Promise<string | void> = async () => 'done',
    readonly defaultEnabled?: boolean,
  ) {
    this.description = `test job ${name}`;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
    this.gate = null;
  }

  async run(ctx: JobContext): Promise<string | void> {
    this.calls += 1;
    if (this.gate) await this.gate;
    return this.outcome(ctx);
  }
}

/** Request helpers over a booted app; `t` and the admin token are read lazily (they are set in beforeAll). */
export function schedulerHelpers(app: () => TestApp, adminToken: () => string) {
  const register = async <J extends ScheduledJob>(job: J): Promise<J> => {
    app().get(JobRegistry).register(job);
    await app().get(SchedulerService).syncMetadata();
    return job;
  };
  const getJob = async (name: string, token = adminToken()): Promise<JobBody> => {
    const res = await app().request<JobBody>('GET', `/api/scheduler/${name}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const runNow = (name: string, token = adminToken()) => app().request<RunBody>('POST', `/api/scheduler/jobs/run/${name}`, { token });
  /** Polls the run the way a client does, until it is no longer running. */
  const settled = async (runId: string): Promise<RunBody> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await app().request<RunBody>('GET', `/api/scheduler/runs/${runId}`, { token: adminToken() });
      expect(res.status).toBe(200);
      if (res.body.status !== 'running') return res.body;
      if (Date.now() > deadline) throw new Error(`run ${runId} still running after 10 s`);
      await sleep(25);
    }
  };
  const runsOf = (name: string) => app().db.getRepository(JobRun).find({ where: { jobName: name } });
  const expectProblem = (res: Reply<unknown>, status: number) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toContain(PROBLEM_CONTENT_TYPE);
    return res.body as ProblemBody;
  };
  return { register, getJob, runNow, settled, runsOf, expectProblem };
}
