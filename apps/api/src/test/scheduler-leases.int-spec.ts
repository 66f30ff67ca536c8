import { randomUUID } from 'node:crypto';
import { JobMetadata, JobRun, LeaseService, SchedulerService } from '@copilot/api-core';
import { TestApp } from '../testing/harness';
import { RunBody, schedulerHelpers, sleep, TestJob } from './scheduler-helpers';

const dialect = process.env['TEST_DB'] === 'mysql' ? 'mysql' : 'sqlite';
const MINUTE_MS = 60_000;

jest.setTimeout(30_000);
/** Leases: one holder among contenders and replicas, and runs left behind by a process that died. */
describe(`scheduler leases on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    // Boot step 6 (the harness leaves the ticker off): add the registered jobs' metadata rows.
    await t.get(SchedulerService).syncMetadata();
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const { register, runNow, settled, runsOf, expectProblem } = schedulerHelpers(() => t, () => admin);

  it('a DB lease has one holder among contenders until it is released or expires', async () => {
    const leases = t.get(LeaseService);
    const name = `test:${randomUUID()}`;
    expect(await leases.acquire(name, 60_000, 'replica-a')).toBe(true);
    expect(await leases.acquire(name, 60_000, 'replica-b')).toBe(false);
    expect(await leases.renew(name, 60_000, 'replica-b')).toBe(false);
    await leases.release(name, 'replica-b');
    expect(await leases.acquire(name, 60_000, 'replica-b')).toBe(false);
    // Not re-entrant: acquiring again is refused even to the holder, which extends with renew().
    expect(await leases.acquire(name, 60_000, 'replica-a')).toBe(false);
    expect(await leases.renew(name, 60_000, 'replica-a')).toBe(true);
    await leases.release(name, 'replica-a');
    expect(await leases.acquire(name, 60_000, 'replica-b')).toBe(true);

    const race = `test:${randomUUID()}`;
    const won = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((owner) => leases.acquire(race, 60_000, owner)));
    expect(won.filter(Boolean)).toHaveLength(1);

    const short = `test:${randomUUID()}`;
    expect(await leases.acquire(short, 1_000, 'replica-a')).toBe(true);
    expect(await leases.acquire(short, 60_000, 'replica-b')).toBe(false);
    await sleep(1_300);
    expect(await leases.acquire(short, 60_000, 'replica-b')).toBe(true);
    expect(await leases.renew(short, 60_000, 'replica-a')).toBe(false);
  });

  it('while another replica runs a job, run-now answers with that run and starts nothing here', async () => {
    const job = await register(new TestJob('replicated_job'));
    const leases = t.get(LeaseService);
    const other = 'other-host:4242:abcd1234';
    expect(await leases.acquire('job:replicated_job', 60_000, other)).toBe(true);
    const theirs = await t.db.getRepository(JobRun).save(
      t.db.getRepository(JobRun).create({ id: randomUUID(), jobName: 'replicated_job', trigger: 'schedule', status: 'running', startedAt: new Date(), finishedAt: null, durationMs: null, summary: null, error: null, actorId: null, actorUsername: null }),
    );

    const res = await runNow('replicated_job');
    expect(res.status).toBe(202);
    expect(res.body.id).toBe(theirs.id);
    await t.db.getRepository(JobMetadata).update({ name: 'replicated_job' }, { nextRun: new Date(Date.now() - MINUTE_MS) });
    await t.get(SchedulerService).tick();
    await t.get(SchedulerService).drain();
    expect(job.calls).toBe(0);
    expect(await runsOf('replicated_job')).toHaveLength(1);

    // The other replica finishes and lets go: the next run-now starts here.
    await t.db.getRepository(JobRun).update({ id: theirs.id }, { status: 'succeeded', finishedAt: new Date(), durationMs: 5 });
    await leases.release('job:replicated_job', other);
    const mine = await runNow('replicated_job');
    expect(mine.body.id).not.toBe(theirs.id);
    expect((await settled(mine.body.id)).status).toBe('succeeded');
    expect(job.calls).toBe(1);
  });

  it('while another replica holds the lease before its run row exists, run-now starts nothing and says why', async () => {
    const job = await register(new TestJob('leased_elsewhere'));
    await t.get(LeaseService).acquire('job:leased_elsewhere', 60_000, 'other-host:1:ffff0000');
    const res = await runNow('leased_elsewhere');
    expect(expectProblem(res, 409).detail).toContain('another replica');
    expect(job.calls).toBe(0);
    expect(await runsOf('leased_elsewhere')).toHaveLength(0);
  });

  it('a run left "running" by a process that died is marked failed once its lease has expired', async () => {
    await register(new TestJob('orphaned_job'));
    const repo = t.db.getRepository(JobRun);
    const stale = await repo.save(repo.create({ id: randomUUID(), jobName: 'orphaned_job', trigger: 'schedule', status: 'running', startedAt: new Date(Date.now() - 10 * MINUTE_MS), finishedAt: null, durationMs: null, summary: null, error: null, actorId: null, actorUsername: null }));
    // The dead replica's lease expired a while ago.
    await t.get(LeaseService).acquire('job:orphaned_job', -MINUTE_MS, 'dead-host:1:00000000');

    const res = await runNow('orphaned_job');
    expect(res.status).toBe(202);
    expect(res.body.id).not.toBe(stale.id);
    expect((await settled(res.body.id)).status).toBe('succeeded');
    const old = await t.request<RunBody>('GET', `/api/scheduler/runs/${stale.id}`, { token: admin });
    expect(old.body.status).toBe('failed');
    expect(old.body.error).toContain('interrupted');
  });

});
