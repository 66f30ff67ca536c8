import { randomUUID } from 'node:crypto';
import { AuditLogEntry, JobMetadata, SchedulerService } from '@copilot/api-core';
import { TestApp } from '../testing/harness';
import { JobBody, ms, RunBody, schedulerHelpers, TestJob } from './scheduler-helpers';

const dialect = process.env['TEST_DB'] === 'mysql' ? 'mysql' : 'sqlite';
const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

jest.setTimeout(30_000);

describe(`scheduler on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ AUDIT_LOG_RETENTION_DAYS: String(RETENTION_DAYS) });
    // Boot step 6 (the harness leaves the ticker off): add the registered jobs' metadata rows.
    await t.get(SchedulerService).syncMetadata();
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const { register, getJob, runNow, settled, runsOf, expectProblem } = schedulerHelpers(() => t, () => admin);

  it('lists prune_audit_log, enabled, daily, with its next run', async () => {
    const res = await t.request<{ items: JobBody[]; total: number }>('GET', '/api/scheduler', { token: admin });
    expect(res.status).toBe(200);
    const prune = res.body.items.find((j) => j.id === 'prune_audit_log');
    expect(prune).toMatchObject({ enabled: true, intervalMinutes: 1440, lastSuccess: null, lastError: null });
    expect(Math.abs(ms(prune?.nextRun ?? null) - (Date.now() + 1440 * MINUTE_MS))).toBeLessThan(5 * MINUTE_MS);
    expect(res.body.total).toBe(res.body.items.length);

    const next = await t.request<{ id: string; enabled: boolean; nextRun: string | null }>('GET', '/api/scheduler/next_run/prune_audit_log', { token: admin });
    expect(next.body).toEqual({ id: 'prune_audit_log', enabled: true, nextRun: prune?.nextRun });
    expectProblem(await t.request('GET', '/api/scheduler/no_such_job', { token: admin }), 404);
  });

  it('runs a job now: 202 with a run id, the run succeeds in the background, the job records it', async () => {
    const before = await getJob('prune_audit_log');
    const res = await runNow('prune_audit_log');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ jobId: 'prune_audit_log', trigger: 'manual', status: 'running', actorUsername: 'admin' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const run = await settled(res.body.id);
    expect(run).toMatchObject({ id: res.body.id, status: 'succeeded', error: null });
    expect(run.durationMs).toEqual(expect.any(Number));
    expect(ms(run.finishedAt)).toBeGreaterThanOrEqual(ms(run.startedAt));

    const after = await getJob('prune_audit_log');
    expect(before.lastSuccess).toBeNull();
    expect(ms(after.lastSuccess)).toBeGreaterThanOrEqual(ms(run.startedAt));
    expect(after.lastStart).toBe(run.startedAt);
    expect(after.lastDurationMs).toBe(run.durationMs);
    expect(ms(after.nextRun)).toBe(ms(run.startedAt) + 1440 * MINUTE_MS);

    const recent = await t.request<RunBody[]>('GET', '/api/scheduler/prune_audit_log/runs', { token: admin });
    expect(recent.body.map((r) => r.id)).toContain(run.id);
    expectProblem(await t.request('GET', `/api/scheduler/runs/${randomUUID()}`, { token: admin }), 404);
    expectProblem(await t.request('GET', '/api/scheduler/runs/not-a-uuid', { token: admin }), 400);
    expectProblem(await runNow('no_such_job'), 404);
  });

  it('prune_audit_log deletes audit rows older than the retention and keeps newer ones', async () => {
    const action = `test.prune.${randomUUID().slice(0, 8)}`;
    const ages = { old: RETENTION_DAYS + 10, justOld: RETENTION_DAYS + 0.05, justNew: RETENTION_DAYS - 0.05, fresh: 1 };
    const repo = t.db.getRepository(AuditLogEntry);
    for (const [entityId, days] of Object.entries(ages)) {
      await repo.insert({ at: new Date(Date.now() - days * DAY_MS), action, entity: 'test', entityId, outcome: 'success', actorId: null, actorUsername: 'test', statusCode: null, ip: null, detail: null });
    }
    const res = await runNow('prune_audit_log');
    const run = await settled(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toBe(`removed 2 row(s) older than ${RETENTION_DAYS} days`);
    const left = (await repo.find({ where: { action } })).map((r) => r.entityId).sort();
    expect(left).toEqual(['fresh', 'justNew']);
  });

  it('a second run-now while the job runs answers with the same run; nothing runs twice', async () => {
    const job = await register(new TestJob('slow_job'));
    job.hold();
    const first = await runNow('slow_job');
    try {
      expect(first.status).toBe(202);
      const second = await runNow('slow_job');
      expect(second.status).toBe(202);
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.status).toBe('running');
      expect((await t.request<RunBody>('GET', `/api/scheduler/runs/${first.body.id}`, { token: admin })).body.status).toBe('running');
      expect(job.calls).toBe(1);
    } finally {
      job.release();
    }
    expect((await settled(first.body.id)).status).toBe('succeeded');
    expect(job.calls).toBe(1);
    expect(await runsOf('slow_job')).toHaveLength(1);

    // Once finished, run-now starts a fresh run.
    const third = await runNow('slow_job');
    expect(third.body.id).not.toBe(first.body.id);
    expect((await settled(third.body.id)).status).toBe('succeeded');
    expect(job.calls).toBe(2);
  });

  it('a failing job records the error on the run and on the job, and can run again', async () => {
    await register(new TestJob('failing_job', 60, async () => {
      throw new Error('upstream answered 503 Service Unavailable');
    }));
    const res = await runNow('failing_job');
    expect(res.status).toBe(202);
    const run = await settled(res.body.id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('upstream answered 503');

    const job = await getJob('failing_job');
    expect(job.lastError).toContain('upstream answered 503');
    expect(ms(job.lastErrorAt)).toBeGreaterThanOrEqual(ms(run.startedAt));
    expect(job.lastSuccess).toBeNull();
    expect(job.lastDurationMs).toBe(run.durationMs);

    const again = await runNow('failing_job');
    expect(again.body.id).not.toBe(run.id);
    expect((await settled(again.body.id)).status).toBe('failed');
  });

  it('pause stops scheduling (persisted, no next run); start resumes it', async () => {
    const paused = await t.request<JobBody>('POST', '/api/scheduler/pause/prune_audit_log', { token: admin });
    expect(paused.status).toBe(200);
    expect(paused.body.enabled).toBe(false);
    expect((await t.db.getRepository(JobMetadata).findOneByOrFail({ name: 'prune_audit_log' })).enabled).toBe(false);
    expect((await getJob('prune_audit_log')).enabled).toBe(false);
    const next = await t.request<{ enabled: boolean; nextRun: string | null }>('GET', '/api/scheduler/next_run/prune_audit_log', { token: admin });
    expect(next.body).toEqual({ id: 'prune_audit_log', enabled: false, nextRun: null });

    const started = await t.request<JobBody>('POST', '/api/scheduler/start/prune_audit_log', { token: admin });
    expect(started.status).toBe(200);
    expect(started.body.enabled).toBe(true);
    const resumed = await t.request<{ enabled: boolean; nextRun: string | null }>('GET', '/api/scheduler/next_run/prune_audit_log', { token: admin });
    expect(resumed.body.enabled).toBe(true);
    expect(ms(resumed.body.nextRun)).toBeGreaterThan(Date.now());
    expectProblem(await t.request('POST', '/api/scheduler/pause/no_such_job', { token: admin }), 404);
  });

  it('update refuses intervals outside 1..10080 naming intervalMinutes, and persists a valid one', async () => {
    for (const body of [{ intervalMinutes: 0 }, { intervalMinutes: 10081 }, { intervalMinutes: 2.5 }, {}, { intervalMinutes: 5, enabled: false }]) {
      const problem = expectProblem(await t.request('PUT', '/api/scheduler/update/prune_audit_log', { token: admin, body }), 400);
      expect(JSON.stringify(problem.errors)).toMatch(/intervalMinutes|enabled/);
    }
    const zero = expectProblem(await t.request('PUT', '/api/scheduler/update/prune_audit_log', { token: admin, body: { intervalMinutes: 0 } }), 400);
    expect(zero.errors?.map((e) => e.field)).toEqual(['intervalMinutes']);
    expect((await getJob('prune_audit_log')).intervalMinutes).toBe(1440);

    const res = await t.request<JobBody>('PUT', '/api/scheduler/update/prune_audit_log', { token: admin, body: { intervalMinutes: 5 } });
    expect(res.status).toBe(200);
    expect(res.body.intervalMinutes).toBe(5);
    const job = await getJob('prune_audit_log');
    expect(job.intervalMinutes).toBe(5);
    expect(ms(job.nextRun)).toBeLessThanOrEqual(Date.now() + 5 * MINUTE_MS);
    for (const edge of [1, 10080, 1440]) {
      expect((await t.request('PUT', '/api/scheduler/update/prune_audit_log', { token: admin, body: { intervalMinutes: edge } })).status).toBe(200);
    }
  });

  it('a reboot (syncMetadata again) keeps the operator\'s enabled flag and interval', async () => {
    await register(new TestJob('operator_tuned', 60));
    await register(new TestJob('off_by_default', 30, undefined, false));
    expect((await getJob('off_by_default')).enabled).toBe(false);
    await t.request('POST', '/api/scheduler/pause/operator_tuned', { token: admin });
    await t.request('PUT', '/api/scheduler/update/operator_tuned', { token: admin, body: { intervalMinutes: 7 } });
    await t.request('POST', '/api/scheduler/start/off_by_default', { token: admin });

    await t.get(SchedulerService).syncMetadata();
    await t.get(SchedulerService).syncMetadata();
    expect(await getJob('operator_tuned')).toMatchObject({ enabled: false, intervalMinutes: 7 });
    expect(await getJob('off_by_default')).toMatchObject({ enabled: true, intervalMinutes: 30 });
  });

  it('tick() runs a due enabled job and skips paused and not-yet-due ones', async () => {
    const due = await register(new TestJob('tick_due'));
    const paused = await register(new TestJob('tick_paused'));
    const later = await register(new TestJob('tick_later'));
    const meta = t.db.getRepository(JobMetadata);
    const past = new Date(Date.now() - MINUTE_MS);
    await meta.update({ name: 'tick_due' }, { nextRun: past });
    await meta.update({ name: 'tick_paused' }, { nextRun: past });
    expect((await t.request('POST', '/api/scheduler/pause/tick_paused', { token: admin })).status).toBe(200);

    const scheduler = t.get(SchedulerService);
    await scheduler.tick();
    await scheduler.drain();
    expect([due.calls, paused.calls, later.calls]).toEqual([1, 0, 0]);
    const runs = await runsOf('tick_due');
    expect(runs).toEqual([expect.objectContaining({ trigger: 'schedule', status: 'succeeded' })]);
    const job = await getJob('tick_due');
    expect(ms(job.nextRun)).toBeGreaterThan(Date.now() + 59 * MINUTE_MS);

    // The next run moved an interval ahead, so another tick does nothing.
    await scheduler.tick();
    await scheduler.drain();
    expect(due.calls).toBe(1);
  });


  it('analysts may control the scheduler; customer users get 403 and change nothing; no token gets 401', async () => {
    const job = await register(new TestJob('role_job'));
    await t.createCustomer(admin, 'sched-cust');
    const analyst = await t.createUser(admin, 'sched-analyst', 'analyst');
    const customer = await t.createUser(admin, 'sched-portal', 'customer_user', ['sched-cust']);

    expect((await t.request('GET', '/api/scheduler', { token: analyst.token })).status).toBe(200);
    const run = await runNow('role_job', analyst.token);
    expect(run.status).toBe(202);
    expect(run.body.actorUsername).toBe('sched-analyst');
    expect((await settled(run.body.id)).status).toBe('succeeded');
    expect((await t.request('POST', '/api/scheduler/pause/role_job', { token: analyst.token })).status).toBe(200);
    expect((await t.request('POST', '/api/scheduler/start/role_job', { token: analyst.token })).status).toBe(200);

    const token = customer.token;
    expectProblem(await t.request('GET', '/api/scheduler', { token }), 403);
    expectProblem(await t.request('GET', '/api/scheduler/role_job', { token }), 403);
    expectProblem(await t.request('GET', `/api/scheduler/runs/${run.body.id}`, { token }), 403);
    expectProblem(await runNow('role_job', token), 403);
    expectProblem(await t.request('POST', '/api/scheduler/pause/role_job', { token }), 403);
    expectProblem(await t.request('PUT', '/api/scheduler/update/role_job', { token, body: { intervalMinutes: 9 } }), 403);
    expectProblem(await t.request('POST', '/api/scheduler/jobs/run/role_job'), 401);
    expect(job.calls).toBe(1);
    expect(await getJob('role_job')).toMatchObject({ enabled: true, intervalMinutes: 60 });
  });
});

