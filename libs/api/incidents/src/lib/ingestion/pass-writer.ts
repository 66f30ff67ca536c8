import type { DataSource } from 'typeorm';
import { isDuplicateKey, isForeignKeyViolation, ScriptConnection, type SqlStatement } from '@copilot/api-core';
import type { ScanCursor } from '@copilot/api-connectors';
import { AlertSource } from './alert-source.entity';
import { CommittedEvidence, type BatchWrites } from './batch-statements';
import { ScriptSink, SequentialSink, type BatchSink, type Flight, type Rendered } from './batch-sinks';
import { placedIds, planBatch, type BatchPlan } from './dedup-planner';
import type { Candidate } from './document-mapper';
import { HeadCache, MAX_CACHED_HEADS } from './head-cache';
import type { IngestionFaults } from './ingestion-faults';
import { knownOrigins, originKey, readHeads } from './ingest-lookups';
import { StaleHeadError } from './plan-writer';
import { MAX_UNATTRIBUTED_SAMPLES, type UnattributedSample } from './source.types';

/** One batch of a pass, mapped: what becomes alerts, what could not be attributed, and where the scan stands. */
export interface PassBatch {
  candidates: Candidate[];
  samples: UnattributedSample[];
  read: number;
  /** The position of the batch's first document; null when it came without sort values. */
  first: ScanCursor | null;
  /** The scan's cursor after the batch. */
  cursor: ScanCursor;
}

/** A batch once committed: its counts, and the alert each candidate went to (for write-back). */
export interface CommittedBatch {
  batch: PassBatch;
  created: number;
  bumped: number;
  known: number;
  alertIds(): number[];
}

/** What the source row says (cursor, samples) after the batches committed, or planned, so far. */
interface SourceState {
  cursor: ScanCursor | null;
  samples: UnattributedSample[];
}

interface Prepared {
  batch: PassBatch;
  plan: BatchPlan;
  ordered: Candidate[];
  known: Map<string, number>;
  /** Origin keys were looked up because a collision was seen (not just because the batch lies in the overlap). */
  checking: boolean;
  lookedUp: boolean;
  after: SourceState;
  rendered: Rendered;
}

export interface PassSource {
  id: number;
  windowMs: number;
  /** The cursor the pass started from, and the samples the source row holds. */
  cursor: ScanCursor | null;
  samples: UnattributedSample[];
}

/** Plans of one batch in a row that found an alert changed under them before the pass gives up. */
const MAX_ATTEMPTS = 4;

export const cmpCursor = (a: ScanCursor, b: ScanCursor) => (Number(a.time) - Number(b.time)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Writes one pass's batches: each in a transaction of its own with the advanced cursor, so a crash at any point
 * loses nothing and duplicates nothing. Batch N+1 is looked up, planned and rendered while batch N is being
 * written (when the sink overlaps), against the heads batch N will leave. Should batch N fail because an alert
 * changed under it or an origin key collided, it is planned again from the database, and N+1 after it.
 */
export class PassWriter {
  private readonly heads = new HeadCache();
  private inflight: { prepared: Prepared; flight: Flight } | null = null;
  /** Origin keys are looked up for every batch until one comes back clean (after a collision). */
  private checking = false;
  private committed: SourceState;
  private planned: SourceState;

  private constructor(
    private readonly db: DataSource,
    private readonly sink: BatchSink,
    /** Evidence known to be committed; the sink skips it. */
    private readonly evidence: CommittedEvidence,
    private readonly source: PassSource,
    private readonly faults: IngestionFaults,
    private readonly onCommitted: (batch: CommittedBatch) => Promise<void>,
  ) {
    this.committed = { cursor: source.cursor, samples: source.samples };
    this.planned = this.committed;
  }

  /**
   * A script sink when the server can take one (MySQL/MariaDB promising consecutive ids), else statement by
   * statement: correct everywhere, without the overlap.
   */
  static async open(db: DataSource, faults: IngestionFaults, source: PassSource, onCommitted: (batch: CommittedBatch) => Promise<void>, options: { script?: boolean } = {}): Promise<PassWriter> {
    const evidence = new CommittedEvidence();
    const ctx = { sourceId: source.id, faults, committed: evidence };
    const conn = options.script === false ? null : await ScriptConnection.open(db);
    let sink: BatchSink;
    if (conn?.consecutiveIds) sink = new ScriptSink(conn, ctx);
    else {
      await conn?.close();
      sink = new SequentialSink(db, ctx);
    }
    return new PassWriter(db, sink, evidence, source, faults, onCommitted);
  }

  async write(batch: PassBatch): Promise<void> {
    if (this.heads.size > MAX_CACHED_HEADS) {
      // Only with nothing in flight: a key the cache forgot must not be looked up while its alert is uncommitted.
      await this.drain();
      this.heads.clear();
    }
    let next = await this.prepare(batch);
    const previous = this.inflight;
    this.inflight = null;
    let done: CommittedBatch | null = null;
    if (previous) {
      const settled = await this.settle(previous.prepared, previous.flight);
      done = settled.batch;
      if (settled.redone) {
        this.sink.discard(next.rendered);
        next = await this.prepare(batch);
      }
    }
    this.inflight = { prepared: next, flight: this.sink.send(next.rendered) };
    if (done) await this.onCommitted(done);
    if (!this.sink.overlaps) await this.drain();
  }

  /** Finishes (commits) the batch in flight, if any. */
  async drain(): Promise<void> {
    const previous = this.inflight;
    if (!previous) return;
    this.inflight = null;
    const { batch } = await this.settle(previous.prepared, previous.flight);
    await this.onCommitted(batch);
  }

  /** Closes the sink; a batch still in flight is rolled back (call `drain` first to keep it). */
  async close(): Promise<void> {
    await this.sink.close();
  }

  private async prepare(batch: PassBatch): Promise<Prepared> {
    const before = this.planned;
    // Past the cursor this pass started from, no pass has committed a document: origin keys need no lookup,
    // unless a batch finds otherwise (a manual create; an operator moved the cursor back).
    const start = this.source.cursor;
    const lookedUp = this.checking || batch.first === null || (start !== null && cmpCursor(batch.first, start) <= 0);
    const known = lookedUp ? await knownOrigins(this.db.manager, this.source.id, batch.candidates) : new Map<string, number>();
    const fresh = known.size === 0 ? batch.candidates : batch.candidates.filter((c) => !c.origin || !known.has(originKey(c.origin)));
    const ordered = [...fresh].sort((a, b) => a.eventAt.getTime() - b.eventAt.getTime());
    const missing = this.heads.missing(ordered.map((c) => c.dedupKey));
    // Through the pool, beside the batch in flight: a key it touches is in the cache, so what is read is committed.
    if (missing.length > 0) this.heads.set(await readHeads(this.db.manager, missing));
    const plan = planBatch(ordered, this.heads, this.source.windowMs);
    const after: SourceState = {
      cursor: before.cursor && cmpCursor(before.cursor, batch.cursor) > 0 ? before.cursor : batch.cursor,
      samples: batch.samples.length > 0 ? [...before.samples, ...batch.samples].slice(-MAX_UNATTRIBUTED_SAMPLES) : before.samples,
    };
    const rendered = this.sink.render({ plan, cursor: this.cursorStatement(before, after, batch, plan) });
    this.heads.set(plan.heads);
    this.planned = after;
    return { batch, plan, ordered, known, checking: this.checking, lookedUp, after, rendered };
  }

  /**
   * Moves the cursor and the counters inside the batch's transaction. The WHERE on the cursor it started from
   * makes a pass that lost its lease (and was overtaken) roll its batch back instead of moving the cursor twice.
   */
  private cursorStatement(before: SourceState, after: SourceState, batch: PassBatch, plan: BatchPlan): SqlStatement {
    const next = after.cursor as ScanCursor;
    const qb = this.db.createQueryBuilder().update(AlertSource).set({
      cursorTime: Number(next.time), cursorId: next.id, docsRead: () => `docs_read + ${batch.read}`, alertsCreated: () => `alerts_created + ${plan.creates.length}`,
      alertsBumped: () => `alerts_bumped + ${plan.bumps.length}`, unattributed: () => `unattributed + ${batch.samples.length}`,
      ...(batch.samples.length > 0 ? { unattributedSamples: after.samples } : {}), version: () => 'version',
    }).where('id = :id', { id: this.source.id });
    if (before.cursor === null) qb.andWhere('cursor_time IS NULL');
    else qb.andWhere('cursor_time = :et AND COALESCE(cursor_id, \'\') = :eid', { et: Number(before.cursor.time), eid: before.cursor.id });
    const [sql, params] = qb.updateEntity(false).getQueryAndParameters();
    return { sql, params };
  }

  /** Finishes a batch; one that failed for a reason a new plan cures is planned and written again, alone. */
  private async settle(prepared: Prepared, flight: Flight): Promise<{ batch: CommittedBatch; redone: boolean }> {
    let settled: { batch: CommittedBatch; redone: boolean } | null = null;
    try {
      settled = { batch: this.committedBatch(prepared, await this.sink.finish(flight)), redone: false };
    } catch (err) {
      this.recover(prepared, err);
    }
    for (let attempt = 2; !settled; attempt++) {
      const again = await this.prepare(prepared.batch);
      try {
        settled = { batch: this.committedBatch(again, await this.sink.finish(this.sink.send(again.rendered))), redone: true };
      } catch (err) {
        if (attempt === MAX_ATTEMPTS) throw err;
        this.recover(again, err);
      }
    }
    await this.faults.reach('after-commit');
    return settled;
  }

  /**
   * After a rolled-back batch: forget what was planned past the last commit. Rethrows what a new plan does not
   * cure. A collision (a document past the starting cursor came in another way) turns origin lookups on; an
   * evidence row whose alert is gone means a repeat's alert was deleted meanwhile (a script runs on past the
   * repeat's UPDATE, which checks only at the end), as a StaleHeadError does.
   */
  private recover(prepared: Prepared, err: unknown): void {
    const collided = !prepared.lookedUp && isDuplicateKey(err);
    if (!collided && !(err instanceof StaleHeadError) && !isForeignKeyViolation(err)) throw err;
    if (collided) this.checking = true;
    this.heads.clear();
    this.planned = this.committed;
  }

  private committedBatch(p: Prepared, writes: BatchWrites): CommittedBatch {
    this.committed = p.after;
    // Before the next batch is sent: a crash here leaves exactly the batches committed so far.
    this.faults.hit('after-commit');
    if (p.checking) this.checking = p.known.size > 0;
    this.evidence.add(writes.evidence);
    this.heads.settle(p.plan.heads.keys());
    return {
      batch: p.batch, created: p.plan.creates.length, bumped: p.plan.bumps.length, known: p.known.size,
      alertIds: () => {
        const placed = placedIds(p.plan);
        const byCandidate = new Map(p.ordered.map((c, i) => [c, placed[i]]));
        return p.batch.candidates.map((c) => byCandidate.get(c) ?? (c.origin ? p.known.get(originKey(c.origin)) : undefined) ?? 0);
      },
    };
  }
}
