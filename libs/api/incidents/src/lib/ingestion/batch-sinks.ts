import type { DataSource } from 'typeorm';
import { insertSql, runStatement, type ScriptConnection, type SqlFragment, type SqlStatement } from '@copilot/api-core';
import { ALERT_COLUMNS, batchWrites, chunks, newAlertCells, withValuesInline, type BatchWrites, type CommittedEvidence } from './batch-statements';
import type { AlertTarget, BatchPlan, NewAlertPlan } from './dedup-planner';
import type { IngestionFaults } from './ingestion-faults';
import { StaleHeadError, writePlan } from './plan-writer';

/** The source's cursor did not hold the value the batch started from: another pass took over. Not retried. */
export class CursorMovedError extends Error {
  constructor() {
    super('the source\'s cursor was moved by someone else during this pass; the batch was rolled back and the next pass resumes');
  }
}

/** A planned batch, ready to be written together with the statement that moves the source's cursor. */
export interface BatchToWrite {
  plan: BatchPlan;
  cursor: SqlStatement;
}

/** A batch as a sink will send it (for a script: its text, rendered while the previous batch is written). */
export interface Rendered {
  batch: BatchToWrite;
}

export interface Flight {
  rendered: Rendered;
  done: Promise<BatchWrites>;
}

export interface SinkContext {
  sourceId: number;
  faults: IngestionFaults;
  /** Evidence known to be committed (not sent again). */
  committed: CommittedEvidence;
}

/**
 * Where a pass's batches go. `render` prepares a planned batch (it may run while the previous batch is still
 * being written, and may name that batch's new alerts); `send` starts writing it in its own transaction;
 * `finish` waits for it, checks it and commits, or rolls back and throws (StaleHeadError, a duplicate key,
 * CursorMovedError, ...). Once finished, the batch's new alerts have their ids. A rendered batch that will not
 * be sent (the one before it failed) is `discard`ed.
 */
export interface BatchSink {
  /** True when `send` returns while the database still works, so the pass can prepare the next batch meanwhile. */
  readonly overlaps: boolean;
  render(batch: BatchToWrite): Rendered;
  send(rendered: Rendered): Flight;
  finish(flight: Flight): Promise<BatchWrites>;
  discard(rendered: Rendered): void;
  close(): Promise<void>;
}

function observed<T>(p: Promise<T>): Promise<T> {
  // Awaited by `finish`; until then a failure must not count as unhandled.
  p.catch(() => undefined);
  return p;
}

/**
 * Statement by statement through the data source, committed before `send`'s promise settles: SQLite, and MySQL
 * servers that do not promise consecutive ids (a script could not name the new alerts).
 */
export class SequentialSink implements BatchSink {
  readonly overlaps = false;

  constructor(
    private readonly db: DataSource,
    private readonly ctx: SinkContext,
  ) {}

  render(batch: BatchToWrite): Rendered {
    return { batch };
  }

  discard(): void {
    // nothing was prepared beyond the plan
  }

  send(rendered: Rendered): Flight {
    const { batch } = rendered;
    const done = this.db.transaction(async (tx) => {
      await this.ctx.faults.reach('after-plan');
      const writes = await writePlan(tx, batch.plan, this.ctx.sourceId, new Date(), null, this.ctx.committed);
      if ((await runStatement(tx, batch.cursor)).affected !== 1) throw new CursorMovedError();
      this.ctx.faults.hit('after-write');
      return writes;
    });
    return { rendered, done: observed(done) };
  }

  async finish(flight: Flight): Promise<BatchWrites> {
    try {
      return await flight.done;
    } catch (err) {
      // Rolled back: ids handed out inside the transaction do not exist.
      for (const p of flight.rendered.batch.plan.creates) p.id = null;
      throw err;
    }
  }

  async close(): Promise<void> {
    // the data source's pool is not ours to close
  }
}

interface ScriptRendered extends Rendered {
  script: string[];
  /** Index in the results of each alert INSERT, with the entries it inserted, in order. */
  inserts: { at: number; entries: NewAlertPlan[] }[];
  writes: BatchWrites;
  checks: { at: number; rows: number }[];
  cursorAt: number;
}

/**
 * The whole batch as one multi-statement script on a connection of its own: the database writes batch N while
 * node maps, plans and renders batch N+1. New alerts' ids are named by session variables (LAST_INSERT_ID() of
 * their INSERT plus their position; the server promised consecutive ids), also by the next batch's script when
 * it repeats them before this batch has answered.
 */
export class ScriptSink implements BatchSink {
  readonly overlaps = true;
  /** New alerts rendered but not yet answered, by the expression that names their id in a script. */
  private readonly pending = new Map<NewAlertPlan, SqlFragment>();
  private rendered = 0;

  constructor(
    private readonly conn: ScriptConnection,
    private readonly ctx: SinkContext,
  ) {}

  render(batch: BatchToWrite): ScriptRendered {
    const now = new Date();
    // Two sets of variables, alternating: a script names its own new alerts and those of the batch in flight.
    const slot = `cp_alerts_${this.rendered++ % 2}`;
    const script = ['START TRANSACTION'];
    const inserts = chunks(batch.plan.creates).map((part, i) => {
      const at = script.length;
      script.push(insertSql('mysql', 'alerts', ALERT_COLUMNS, part.map((p) => newAlertCells(p, now)), this.conn.inline));
      script.push(`SET @${slot}_${i} = LAST_INSERT_ID()`);
      part.forEach((p, k) => this.pending.set(p, { toSqlString: () => `(@${slot}_${i} + ${k})` }));
      return { at, entries: part };
    });
    const writes = batchWrites(batch.plan, {
      dialect: 'mysql', statement: withValuesInline(this.conn.inline), sourceId: this.ctx.sourceId, now, actor: null, idOf: (t) => this.idOf(t), committed: this.ctx.committed,
    });
    const checks: ScriptRendered['checks'] = [];
    for (const s of writes.statements) {
      if (s.expectRows !== undefined) checks.push({ at: script.length, rows: s.expectRows });
      script.push(s.sql);
    }
    script.push(this.conn.format(batch.cursor));
    return { batch, script, inserts, writes, checks, cursorAt: script.length - 1 };
  }

  send(rendered: Rendered): Flight {
    const r = rendered as ScriptRendered;
    const done = this.ctx.faults.reach('after-plan').then(async () => {
      const results = await this.conn.run(r.script);
      if (r.checks.some((c) => results[c.at].affectedRows !== c.rows)) throw new StaleHeadError();
      if (results[r.cursorAt].affectedRows !== 1) throw new CursorMovedError();
      for (const { at, entries } of r.inserts) entries.forEach((p, k) => (p.id = results[at].insertId + k));
      return r.writes;
    });
    return { rendered, done: observed(done) };
  }

  async finish(flight: Flight): Promise<BatchWrites> {
    try {
      const writes = await flight.done;
      this.ctx.faults.hit('after-write');
      await this.conn.query('COMMIT');
      return writes;
    } catch (err) {
      await this.conn.query('ROLLBACK').catch(() => undefined);
      for (const p of flight.rendered.batch.plan.creates) p.id = null;
      throw err;
    } finally {
      this.discard(flight.rendered);
    }
  }

  discard(rendered: Rendered): void {
    for (const p of rendered.batch.plan.creates) this.pending.delete(p);
  }

  private idOf(target: AlertTarget): number | SqlFragment {
    if (typeof target === 'number') return target;
    if (target.id !== null) return target.id;
    const named = this.pending.get(target);
    if (!named) throw new Error('a new alert of an earlier batch was never rendered');
    return named;
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
