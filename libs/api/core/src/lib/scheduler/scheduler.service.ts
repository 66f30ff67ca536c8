import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { NotFoundError } from '../errors/domain-errors';
import type { Principal } from '../auth/principal';
import { JobRegistry } from './job-registry';
import { LeaseService } from './lease.service';
import { JobMetadata, JobRun, RunTrigger } from './scheduler.entities';

const LEASE_TTL_MS = 60_000;
const minutes = (n: number) => n * 60_000;

/**
 * Interval execution across restarts and replicas: `job_metadata.next_run` is the schedule, a
 * ticker picks due jobs, and a lease per job (`job:<name>`) makes sure one replica runs each.
 * "Run now" starts a run in the background and returns its id; it never runs inside the request.
 */
@Injectable()
export class SchedulerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private ticker?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: JobRegistry,
    private readonly leases: LeaseService,
    private readonly intervals: SchedulerRegistry,
  ) {}

  private get meta() {
    return this.db.getRepository(JobMetadata);
  }

  private get runs() {
    return this.db.getRepository(JobRun);
  }

  /** Adds metadata rows for newly registered jobs; never touches an existing row's settings. */
  async syncMetadata(): Promise<string[]> {
    const jobs = this.registry.all();
    const existing = new Set((await this.meta.find({ select: { name: true } })).map((m) => m.name));
    const added: string[] = [];
    for (const job of jobs) {
      if (existing.has(job.name)) {
        await this.meta.update({ name: job.name }, { description: job.description });
        continue;
      }
      await this.meta
        .createQueryBuilder()
        .insert()
        .values({
          name: job.name,
          description: job.description,
          enabled: job.defaultEnabled ?? true,
          intervalMinutes: job.defaultIntervalMinutes,
          nextRun: new Date(Date.now() + minutes(job.defaultIntervalMinutes)),
        })
        .orIgnore()
        .execute();
      added.push(job.name);
    }
    return added;
  }

  /** Boot step 6: sync metadata and start ticking. */
  async start(tickMs = 15_000): Promise<void> {
    const added = await this.syncMetadata();
    this.logger.log(`scheduler started: ${this.registry.all().length} job(s)${added.length ? `, added ${added.join(', ')}` : ''}`);
    this.ticker = setInterval(() => void this.tick().catch((e: Error) => this.logger.error(`tick failed: ${e.message}`)), tickMs);
    this.ticker.unref();
    this.intervals.addInterval('copilot-scheduler-tick', this.ticker);
  }

  /** Starts every enabled job whose next run is due. */
  async tick(now = new Date()): Promise<void> {
    const due = await this.meta.find({ where: { enabled: true, nextRun: LessThanOrEqual(now) } });
    for (const m of due) {
      if (this.registry.get(m.name)) await this.trigger(m.name, 'schedule');
    }
  }

  async getJob(name: string): Promise<JobMetadata> {
    const m = await this.meta.findOne({ where: { name } });
    if (!m || !this.registry.get(name)) throw new NotFoundError(`Job "${name}" not found`);
    return m;
  }

  async listJobs(): Promise<JobMetadata[]> {
    const names = this.registry.all().map((j) => j.name);
    return this.meta.find({ where: { name: In(names.length ? names : ['']) }, order: { name: 'ASC' } });
  }

  async getRun(id: string): Promise<JobRun> {
    const run = await this.runs.findOne({ where: { id } });
    if (!run) throw new NotFoundError(`Run ${id} not found`);
    return run;
  }

  async recentRuns(name: string, limit: number): Promise<JobRun[]> {
    await this.getJob(name);
    return this.runs.find({ where: { jobName: name }, order: { startedAt: 'DESC' }, take: limit });
  }

  async setEnabled(name: string, enabled: boolean): Promise<JobMetadata> {
    const job = await this.getJob(name);
    const patch: Partial<JobMetadata> = { enabled };
    if (enabled && !job.enabled) patch.nextRun = new Date(Date.now() + minutes(job.intervalMinutes));
    await this.meta.update({ name }, patch);
    return this.getJob(name);
  }

  async setInterval(name: string, intervalMinutes: number): Promise<JobMetadata> {
    const job = await this.getJob(name);
    const from = job.lastStart ?? new Date();
    const nextRun = new Date(Math.max(Date.now(), from.getTime() + minutes(intervalMinutes)));
    await this.meta.update({ name }, { intervalMinutes, nextRun });
    return this.getJob(name);
  }

  /**
   * Starts a run unless one is already going, in which case a manual request gets that run back.
   * Returns null for a scheduled trigger that lost the race, and for a manual one when another
   * replica holds the lease but shows no running run.
   */
  async trigger(name: string, trigger: RunTrigger, actor?: Principal): Promise<JobRun | null> {
    if (!this.registry.get(name)) throw new NotFoundError(`Job "${name}" not found`);
    const leaseName = `job:${name}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await this.leases.acquire(leaseName, LEASE_TTL_MS)) return this.startRun(name, leaseName, trigger, actor);
      if (trigger !== 'manual') return null;
      const running = await this.runs.findOne({ where: { jobName: name, status: 'running' }, order: { startedAt: 'DESC' } });
      if (running) return running;
      // The holder is between acquiring and inserting its run row, or between finishing its run and
      // releasing the lease: look again shortly rather than answer "busy" for a run that just ended.
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }

  private async startRun(name: string, leaseName: string, trigger: RunTrigger, actor?: Principal): Promise<JobRun> {
    // We hold the lease, so any run still marked running was interrupted (its process died).
    await this.runs.update({ jobName: name, status: 'running' }, { status: 'failed', error: 'interrupted: the process running it stopped', finishedAt: new Date() });
    const meta = await this.getJob(name);
    const startedAt = new Date();
    const run = this.runs.create({
      id: randomUUID(), jobName: name, trigger, status: 'running', startedAt, finishedAt: null, durationMs: null,
      summary: null, error: null, actorId: actor?.id ?? null, actorUsername: actor?.username ?? null,
    });
    await this.runs.insert(run);
    await this.meta.update({ name }, { lastStart: startedAt, nextRun: new Date(startedAt.getTime() + minutes(meta.intervalMinutes)) });
    const p = this.execute(run, leaseName).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    return run;
  }

  private async execute(run: JobRun, leaseName: string): Promise<void> {
    const job = this.registry.get(run.jobName);
    const renew = setInterval(() => void this.leases.renew(leaseName, LEASE_TTL_MS).catch(() => undefined), LEASE_TTL_MS / 3);
    const t0 = Date.now();
    try {
      const summary = job ? await job.run({ runId: run.id, trigger: run.trigger }) : undefined;
      const durationMs = Date.now() - t0;
      const finishedAt = new Date();
      // The job's last outcome first: a client that sees the run finished then sees it on the job too.
      await this.meta.update({ name: run.jobName }, { lastSuccess: finishedAt, lastDurationMs: durationMs });
      await this.runs.update({ id: run.id }, { status: 'succeeded', finishedAt, durationMs, summary: summary ? summary.slice(0, 500) : null });
      this.logger.log(`job ${run.jobName} succeeded in ${durationMs} ms${summary ? `: ${summary}` : ''}`);
    } catch (err) {
      const durationMs = Date.now() - t0;
      const message = err instanceof Error ? err.message : String(err);
      const finishedAt = new Date();
      await this.meta.update({ name: run.jobName }, { lastError: message.slice(0, 4000), lastErrorAt: finishedAt, lastDurationMs: durationMs });
      await this.runs.update({ id: run.id }, { status: 'failed', finishedAt, durationMs, error: message.slice(0, 4000) });
      this.logger.error(`job ${run.jobName} failed after ${durationMs} ms: ${message}`);
    } finally {
      clearInterval(renew);
      await this.leases.release(leaseName).catch(() => undefined);
    }
  }

  /** Waits for runs started by this process (tests, graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ticker && this.intervals.doesExist('interval', 'copilot-scheduler-tick')) {
      this.intervals.deleteInterval('copilot-scheduler-tick');
    }
    await this.drain();
  }
}
