import type { DataSource } from 'typeorm';
import { isDuplicateKey, isForeignKeyViolation, ScriptConnection, sqlDialectOf, type SqlStatement } from '@copilot/api-core';
import type { ScanCursor } from '@copilot/api-connectors';
import { AlertSource } from './alert-source.entity';
import { ScriptSink, SequentialSink, type BatchSink, type Flight } from './batch-sinks';
import { planBatch, releaseDocuments, releasePlannedDocuments } from './dedup-planner';
import { HeadCache, MAX_CACHED_HEADS } from './head-cache';
import type { IngestionFaults } from './ingestion-faults';
import { KnownEvidence } from './known-evidence';
import { freshInEventOrder, knownOrigins, readHeads } from './ingest-lookups';
import { cmpCursor, PassTransaction, type CommittedTransaction, type PassBatch, type SourceState, type TransactionLimits } from './pass-transaction';
import { StaleHeadError } from './plan-writer';
import type { UnattributedSample } from './source.types';

export interface PassSource {
  id: number;
  windowMs: number;
  /** The cursor the pass started from, and the samples the source row holds. */
  cursor: ScanCursor | null;
  samples: UnattributedSample[];
  writeBack: boolean;
}

/**
 * A transaction was rolled back for a reason a new plan cures (an alert changed under it, an origin key came in
 * another way): the pass reads again from `cursor`, the last one committed.
 */
export class ReadAgain extends Error {
  constructor(
    readonly cursor: ScanCursor | null,
    readonly reason: unknown,
  ) {
    super(`read again from the last committed cursor: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * Writes one pass's batches in transactions that each move the cursor, so a crash at any point loses nothing and
 * duplicates nothing. With a script sink, batch N+1 is looked up, planned and rendered while batch N is being
 * written, against the heads batch N will leave, and a transaction gathers batches up to its limits: the
 * repeats of all of them become one UPDATE per alert when it closes. A transaction that fails for a reason a new
 * plan cures is rolled back whole and the pass reads again from the last commit (`ReadAgain`).
 */
export class PassWriter {
  private readonly heads = new HeadCache();
  private flights: { flight: Flight; closes: boolean }[] = [];
  /** The transaction batches go to, and the one whose closing statements are sent but not yet committed. */
  private open: PassTransaction | null = null;
  private closing: PassTransaction | null = null;
  /** Origin keys are looked up for every batch until one comes back clean (after a collision). */
  private checking = false;
  private committed: SourceState;

  private constructor(
    private readonly db: DataSource,
    private readonly sink: BatchSink,
    /** Evidence known to be on its alerts (or on its way there); the sink skips it. */
    private readonly evidence: KnownEvidence,
    private readonly source: PassSource,
    private readonly limits: TransactionLimits,
    private readonly faults: IngestionFaults,
    private readonly onCommitted: (done: CommittedTransaction) => Promise<void>,
  ) {
    this.committed = { cursor: source.cursor, samples: source.samples };
  }

  /**
   * A script sink when the server can take one (MySQL/MariaDB promising consecutive ids), else statement by
   * statement, a transaction per batch: correct everywhere, without the overlap.
   */
  static async open(
    db: DataSource, faults: IngestionFaults, source: PassSource, limits: TransactionLimits,
    onCommitted: (done: CommittedTransaction) => Promise<void>, options: { script?: boolean } = {},
  ): Promise<PassWriter> {
    const evidence = new KnownEvidence();
    const ctx = { sourceId: source.id, known: evidence };
    const conn = options.script === false ? null : await ScriptConnection.open(db);
    let sink: BatchSink;
    if (conn?.consecutiveIds) sink = new ScriptSink(conn, ctx);
    else {
      await conn?.close();
      sink = new SequentialSink(db, sqlDialectOf(db.manager), ctx);
    }
    return new PassWriter(db, sink, evidence, source, limits, faults, onCommitted);
  }

  async write(batch: PassBatch): Promise<void> {
    try {
      if (this.heads.size > MAX_CACHED_HEADS && !this.open && !this.closing) this.heads.clear();
      const opens = this.open === null;
      const tx = (this.open ??= new PassTransaction(this.closing?.after ?? this.committed));
      const rendered = this.sink.render({ plan: await this.plan(batch, tx), opens });
      // Rendered while the previous batch is written; sent once it is done (a script names only its own new alerts
      // and those of the batch before it), and a transaction commits before the next one's first batch goes.
      await this.settle(0);
      await this.faults.reach('after-plan');
      this.dispatch(this.sink.send(rendered), false);
      // A sink that does not overlap runs one thing at a time; its closing names the batch's new alerts by id.
      if (!this.sink.overlaps) await this.settle(0);
      if (!this.sink.gathers || tx.full(this.limits)) {
        this.closeTransaction();
        if (!this.sink.overlaps) await this.settle(0);
      }
    } catch (err) {
      await this.fail(err);
    }
  }

  /** Closes the open transaction and waits for everything to commit. */
  async drain(): Promise<void> {
    try {
      if (this.open) this.closeTransaction();
      await this.settle(0);
    } catch (err) {
      await this.fail(err);
    }
  }

  /** Rolls back what is not committed and lets go of the connection. */
  async close(): Promise<void> {
    if (this.open || this.closing) await this.sink.rollback().catch(() => undefined);
    await this.sink.close();
  }

  private async plan(batch: PassBatch, tx: PassTransaction) {
    // Past the cursor this pass started from, no pass has committed a document: origin keys need no lookup,
    // unless a batch finds otherwise (a manual create; an operator moved the cursor back).
    const start = this.source.cursor;
    const lookedUp = this.checking || batch.first === null || (start !== null && cmpCursor(batch.first, start) <= 0);
    const known = lookedUp ? await knownOrigins(this.db.manager, this.source.id, batch.candidates) : new Map<string, number>();
    const ordered = freshInEventOrder(batch.candidates, known);
    const missing = this.heads.missing(ordered.map((c) => c.dedupKey));
    // Through the pool, beside the transaction in flight: a key it touches is in the cache, so what is read is
    // committed and not ours to change.
    if (missing.length > 0) this.heads.set(await readHeads(this.db.manager, missing));
    const plan = planBatch(ordered, this.heads, this.source.windowMs);
    releasePlannedDocuments(plan);
    this.heads.set(plan.heads);
    tx.add(batch, plan, ordered, known, { lookedUp, checking: this.checking, writeBack: this.source.writeBack });
    return plan;
  }

  private dispatch(flight: Flight, closes: boolean): void {
    this.flights.push({ flight, closes });
  }

  /** Renders and sends the open transaction's closing statements (repeats, checks, cursor). */
  private closeTransaction(): void {
    const tx = this.open as PassTransaction;
    this.open = null;
    this.closing = tx;
    this.dispatch(this.sink.send(this.sink.render({ closing: { ...tx.closingWork(), cursor: this.cursorStatement(tx) } })), true);
  }

  /** Finishes flights, oldest first, until `left` remain; the closing one commits its transaction. */
  private async settle(left: number): Promise<void> {
    while (this.flights.length > left) {
      const next = this.flights[0];
      const writes = await this.sink.finish(next.flight);
      this.flights.shift();
      if (writes) this.evidence.add(writes.evidence);
      if ('plan' in next.flight.rendered.work) releaseDocuments(next.flight.rendered.work.plan);
      if (next.closes) await this.commit();
    }
  }

  private async commit(): Promise<void> {
    const tx = this.closing as PassTransaction;
    this.faults.hit('after-write');
    await this.sink.commit();
    this.closing = null;
    this.committed = tx.after;
    if (tx.checkedLookups) this.checking = tx.knownDocs > 0;
    this.evidence.settle(tx.creates);
    this.heads.settle(tx.keys);
    // Before the next batch is sent: a crash here leaves exactly the transactions committed so far.
    this.faults.hit('after-commit');
    await this.onCommitted(tx.summary());
    await this.faults.reach('after-commit');
  }

  /**
   * After a failure: roll back what is not committed and forget what was planned past the last commit. What a
   * new plan cures becomes a ReadAgain: a collision (a document past the starting cursor came in another way)
   * turns origin lookups on; a row naming an alert that is gone means a repeat's alert was deleted meanwhile (a
   * script runs on past the repeat's check), as a StaleHeadError does.
   */
  private async fail(err: unknown): Promise<never> {
    const lost = [this.open, this.closing].filter((tx): tx is PassTransaction => tx !== null);
    this.flights = [];
    this.open = null;
    this.closing = null;
    if (lost.length > 0) await this.sink.rollback().catch(() => undefined);
    this.heads.clear();
    this.evidence.clear();
    const collided = lost.some((tx) => !tx.lookedUpAll) && isDuplicateKey(err);
    if (collided) this.checking = true;
    if (collided || err instanceof StaleHeadError || isForeignKeyViolation(err)) throw new ReadAgain(this.committed.cursor, err);
    throw err;
  }

  /**
   * Moves the cursor and the counters inside the transaction. The WHERE on the cursor it started from makes a
   * pass that lost its lease (and was overtaken) roll back instead of moving the cursor twice.
   */
  private cursorStatement(tx: PassTransaction): SqlStatement {
    const { before, after } = tx;
    const next = after.cursor as ScanCursor;
    const qb = this.db.createQueryBuilder().update(AlertSource).set({
      cursorTime: Number(next.time), cursorId: next.id, docsRead: () => `docs_read + ${tx.read}`, alertsCreated: () => `alerts_created + ${tx.creates.length}`,
      alertsBumped: () => `alerts_bumped + ${tx.repeatCount}`, unattributed: () => `unattributed + ${tx.unattributed}`,
      ...(tx.unattributed > 0 ? { unattributedSamples: after.samples } : {}), version: () => 'version',
    }).where('id = :id', { id: this.source.id });
    if (before.cursor === null) qb.andWhere('cursor_time IS NULL');
    else qb.andWhere('cursor_time = :et AND COALESCE(cursor_id, \'\') = :eid', { et: Number(before.cursor.time), eid: before.cursor.id });
    const [sql, params] = qb.updateEntity(false).getQueryAndParameters();
    return { sql, params };
  }
}
