import type { DataSource, QueryRunner } from 'typeorm';
import { insertSql, runStatement, type ScriptConnection, type SqlDialect, type SqlFragment, type SqlStatement } from '@copilot/api-core';
import {
  ALERT_COLUMNS, batchInserts, chunks, newAlertCells, repeatStatements, withParameters, withValuesInline, type BatchSql, type BatchWrites, type Repeat,
  type StatementMaker,
} from './batch-statements';
import type { KnownEvidence } from './known-evidence';
import type { AlertHead, AlertTarget, BatchPlan, NewAlertPlan } from './dedup-planner';
import { insertAlerts, literalId, runChecked, StaleHeadError } from './plan-writer';

/** The source's cursor did not hold the value the transaction started from: another pass took over. Not retried. */
export class CursorMovedError extends Error {
  constructor() {
    super('the source\'s cursor was moved by someone else during this pass; the batch was rolled back and the next pass resumes');
  }
}

/** What ends a pass's transaction: the repeats it gathered, the heads it decided against, and the cursor's move. */
export interface Closing {
  repeats: readonly Repeat[];
  passedOver: readonly AlertHead[];
  cursor: SqlStatement;
}

/** Something to send: a batch's rows (`plan`) or a transaction's closing statements. */
export type Work = { plan: BatchPlan; opens: boolean } | { closing: Closing };

/** Work as a sink will send it (for a script: its text, rendered while the database still writes the previous). */
export interface Rendered {
  work: Work;
}

export interface Flight {
  rendered: Rendered;
  /** Settles once the database has run it (uncommitted), with what a batch sent of its evidence. */
  done: Promise<BatchWrites | null>;
}

export interface SinkContext {
  sourceId: number;
  /** Evidence known to be on its alerts, or on its way there (not sent again). */
  known: KnownEvidence;
}

/**
 * Where a pass's transactions go: the rows of each batch as it comes, then closing statements, then a commit.
 * `render` may run while the previous work is still being written and may name that batch's new alerts;
 * `send` starts writing; `finish` waits and throws when something did not match (StaleHeadError,
 * CursorMovedError) or a statement failed (a duplicate origin key, say). After a failure the caller rolls back.
 * Once finished, a batch's new alerts have their ids.
 */
export interface BatchSink {
  /** True when `send` returns while the database still works, so the pass can prepare the next batch meanwhile. */
  readonly overlaps: boolean;
  /** Whether one transaction may gather several batches (their repeats folded into one UPDATE per alert). */
  readonly gathers: boolean;
  render(work: Work): Rendered;
  send(rendered: Rendered): Flight;
  finish(flight: Flight): Promise<BatchWrites | null>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

function observed<T>(p: Promise<T>): Promise<T> {
  // Awaited by `finish`; until then a failure must not count as unhandled.
  p.catch(() => undefined);
  return p;
}

/**
 * Statement by statement through a query runner of the data source, one transaction per batch: SQLite (one
 * writer at a time, so transactions stay short), and MySQL servers that do not promise consecutive ids (a
 * script could not name the new alerts).
 */
export class SequentialSink implements BatchSink {
  readonly overlaps = false;
  readonly gathers = false;
  private runner: QueryRunner | null = null;
  private readonly statement: StatementMaker;

  constructor(
    private readonly db: DataSource,
    private readonly dialect: SqlDialect,
    private readonly ctx: SinkContext,
  ) {
    this.statement = withParameters(dialect);
  }

  render(work: Work): Rendered {
    return { work };
  }

  send(rendered: Rendered): Flight {
    return { rendered, done: observed(this.run(rendered.work)) };
  }

  private async run(work: Work): Promise<BatchWrites | null> {
    if ('plan' in work && work.opens) {
      this.runner = this.db.createQueryRunner();
      await this.runner.startTransaction();
    }
    const runner = this.runner;
    if (!runner) throw new Error('no transaction is open');
    const ctx = { dialect: this.dialect, statement: this.statement, sourceId: this.ctx.sourceId, now: new Date(), actor: null, idOf: literalId, known: this.ctx.known };
    if ('closing' in work) {
      await runChecked(runner.manager, repeatStatements(work.closing.repeats, work.closing.passedOver, ctx));
      if ((await runStatement(runner.manager, work.closing.cursor)).affected !== 1) throw new CursorMovedError();
      return null;
    }
    await insertAlerts(runner.manager, work.plan.creates, ctx.now);
    const writes = batchInserts(work.plan, ctx);
    await runChecked(runner.manager, writes.statements);
    return writes;
  }

  async finish(flight: Flight): Promise<BatchWrites | null> {
    return flight.done;
  }

  commit(): Promise<void> {
    return this.end((r) => r.commitTransaction());
  }

  rollback(): Promise<void> {
    return this.end((r) => r.rollbackTransaction());
  }

  private async end(how: (r: QueryRunner) => Promise<void>): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    if (!runner) return;
    try {
      if (runner.isTransactionActive) await how(runner);
    } finally {
      await runner.release();
    }
  }

  async close(): Promise<void> {
    await this.rollback();
  }
}

interface ScriptRendered extends Rendered {
  script: string[];
  /** Index in the results of each alert INSERT, with the entries it inserted, in order. */
  inserts: { at: number; entries: NewAlertPlan[] }[];
  writes: BatchWrites | null;
  checks: { at: number; rows: number; error: () => Error }[];
}

/**
 * Each batch as one multi-statement script on a connection of its own, many batches to a transaction: the
 * database writes batch N while node maps, plans and renders batch N+1. New alerts' ids are named by session
 * variables (LAST_INSERT_ID() of their INSERT plus their position; the server promised consecutive ids), also
 * by the next script when it repeats them before this one has answered.
 */
export class ScriptSink implements BatchSink {
  readonly overlaps = true;
  readonly gathers = true;
  /** New alerts rendered but not yet answered, by the expression that names their id in a script. */
  private readonly pending = new Map<NewAlertPlan, SqlFragment>();
  private rendered = 0;
  private readonly statement: StatementMaker;

  /** Scripts run on MySQL and MariaDB only (SQLite is in-process: nothing to overlap with). */
  private readonly dialect: SqlDialect = 'mysql';

  constructor(
    private readonly conn: ScriptConnection,
    private readonly ctx: SinkContext,
  ) {
    this.statement = withValuesInline(conn.inline);
  }

  render(work: Work): ScriptRendered {
    const now = new Date();
    const ctx = { dialect: this.dialect, statement: this.statement, sourceId: this.ctx.sourceId, now, actor: null, idOf: (t: AlertTarget) => this.idOf(t), known: this.ctx.known };
    const out: ScriptRendered = { work, script: [], inserts: [], writes: null, checks: [] };
    const push = (s: BatchSql, error: () => Error = () => new StaleHeadError()) => {
      if (s.expectRows !== undefined) out.checks.push({ at: out.script.length, rows: s.expectRows, error });
      out.script.push(s.sql);
    };
    if ('closing' in work) {
      for (const s of repeatStatements(work.closing.repeats, work.closing.passedOver, ctx)) push(s);
      push({ sql: this.conn.format(work.closing.cursor), expectRows: 1 }, () => new CursorMovedError());
      return out;
    }
    if (work.opens) out.script.push('START TRANSACTION');
    // Two sets of variables, alternating: a script names its own new alerts and those of the batch in flight.
    const slot = `cp_alerts_${this.rendered++ % 2}`;
    chunks(work.plan.creates, undefined, this.statement.rows).forEach((part, i) => {
      out.inserts.push({ at: out.script.length, entries: part });
      out.script.push(insertSql(this.dialect, 'alerts', ALERT_COLUMNS, part.map((p) => newAlertCells(p, now)), this.conn.inline));
      out.script.push(`SET @${slot}_${i} = LAST_INSERT_ID()`);
      part.forEach((p, k) => {
        const named = `(@${slot}_${i} + ${k})`;
        this.pending.set(p, { toSqlString: () => named });
      });
    });
    out.writes = batchInserts(work.plan, ctx);
    for (const s of out.writes.statements) push(s);
    // The next batch is rendered before this one is written: what this one writes counts as known (should the
    // transaction fail, the caller clears what is known).
    this.ctx.known.add(out.writes.evidence);
    return out;
  }

  send(rendered: Rendered): Flight {
    const r = rendered as ScriptRendered;
    const done = this.conn.run(r.script).then((results) => {
      const failed = r.checks.find((c) => results[c.at].affectedRows !== c.rows);
      if (failed) throw failed.error();
      for (const { at, entries } of r.inserts) entries.forEach((p, k) => (p.id = results[at].insertId + k));
      return r.writes;
    });
    return { rendered, done: observed(done) };
  }

  async finish(flight: Flight): Promise<BatchWrites | null> {
    try {
      return await flight.done;
    } finally {
      if ('plan' in flight.rendered.work) for (const p of flight.rendered.work.plan.creates) this.pending.delete(p);
    }
  }

  async commit(): Promise<void> {
    await this.conn.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.conn.query('ROLLBACK');
    this.pending.clear();
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
