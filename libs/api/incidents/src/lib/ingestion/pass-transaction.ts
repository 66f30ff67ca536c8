import type { ScanCursor } from '@copilot/api-connectors';
import type { Repeat } from './batch-statements';
import { idOfEntry, idOfTarget, type AlertHead, type AlertTarget, type BatchPlan, type NewAlertPlan, type PlanEntry } from './dedup-planner';
import type { Candidate } from './document-mapper';
import { originKey } from './ingest-lookups';
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

/** How much one transaction gathers (with a sink that gathers): documents, and time since it opened. */
export interface TransactionLimits {
  docs: number;
  ms: number;
}

/** What the source row says (cursor, samples) once the transactions so far, or this one, committed. */
export interface SourceState {
  cursor: ScanCursor | null;
  samples: UnattributedSample[];
}

/** A committed transaction, as the pass counts it and writes it back. */
export interface CommittedTransaction {
  read: number;
  created: number;
  /** Alerts that took repeats (each counted once per transaction, however many documents it took). */
  bumped: number;
  /** Documents already ingested (the overlap, a retried pass): nothing written for them. */
  known: number;
  unattributed: number;
  /** Each origin document and the alert it became or repeated (only kept when the source writes back). */
  writeBack: { origin: { index: string; id: string }; alertId: number }[];
}

export const cmpCursor = (a: ScanCursor, b: ScanCursor) => (Number(a.time) - Number(b.time)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Adds a repeat of the same alert into `into`: documents counted, event span widened. */
function foldRepeat(into: Repeat, r: Repeat): void {
  into.count += r.count;
  into.minAt = Math.min(into.minAt, r.minAt);
  into.maxAt = Math.max(into.maxAt, r.maxAt);
}

/**
 * What one transaction of a pass gathers while its batches are written: the repeats of every batch, folded by
 * alert (one UPDATE row per alert when it closes, however many batches repeated it), the heads its batches
 * decided against, its counters, and where it leaves the cursor.
 */
export class PassTransaction {
  after: SourceState;
  read = 0;
  knownDocs = 0;
  unattributed = 0;
  /** Every batch looked origin keys up: a duplicate key then is not a document that came in another way. */
  lookedUpAll = true;
  /** A batch was planned while origin keys were checked after a collision. */
  checkedLookups = false;
  readonly creates: NewAlertPlan[] = [];
  /** Dedup keys whose head its batches moved. */
  readonly keys = new Set<string>();
  private readonly repeats = new Map<AlertTarget, Repeat>();
  private readonly passedOver = new Map<AlertTarget, AlertHead>();
  private readonly written: { candidate: Candidate; entry: PlanEntry | null; known?: number }[] = [];
  private readonly openedAt = Date.now();
  /** closingWork's answer, until another batch is added. */
  private closing: { repeats: Repeat[]; passedOver: AlertHead[] } | null = null;

  constructor(readonly before: SourceState) {
    this.after = before;
  }

  add(batch: PassBatch, plan: BatchPlan, ordered: readonly Candidate[], known: ReadonlyMap<string, number>, how: { lookedUp: boolean; checking: boolean; writeBack: boolean }): void {
    this.closing = null;
    this.read += batch.read;
    this.knownDocs += known.size;
    this.unattributed += batch.samples.length;
    this.lookedUpAll &&= how.lookedUp;
    this.checkedLookups ||= how.checking;
    const cursor = this.after.cursor && cmpCursor(this.after.cursor, batch.cursor) > 0 ? this.after.cursor : batch.cursor;
    const samples = batch.samples.length > 0 ? [...this.after.samples, ...batch.samples].slice(-MAX_UNATTRIBUTED_SAMPLES) : this.after.samples;
    this.after = { cursor, samples };
    this.creates.push(...plan.creates);
    plan.heads.forEach((_, key) => this.keys.add(key));
    for (const b of plan.bumps) {
      const r = this.repeats.get(b.head.target);
      if (r) foldRepeat(r, b);
      else this.repeats.set(b.head.target, { head: b.head, count: b.count, minAt: b.minAt, maxAt: b.maxAt });
    }
    for (const h of plan.passedOver) this.passedOver.set(h.target, h);
    if (how.writeBack) {
      const placed = new Map(ordered.map((c, i) => [c, plan.placement[i]]));
      for (const c of batch.candidates) {
        if (c.origin) this.written.push({ candidate: c, entry: placed.get(c) ?? null, known: known.get(originKey(c.origin)) });
      }
    }
  }

  full(limits: TransactionLimits): boolean {
    return this.read >= limits.docs || Date.now() - this.openedAt >= limits.ms;
  }

  /** Alerts repeated, each once however many batches repeated it and by whichever name. */
  get repeatCount(): number {
    return this.closingWork().repeats.length;
  }

  /**
   * The repeats and checks to write, one per alert. An alert may have been gathered twice: by its plan entry
   * before its batch answered with its id, then by the id (a head the cache settled); by now both name one.
   */
  closingWork(): { repeats: Repeat[]; passedOver: AlertHead[] } {
    if (this.closing) return this.closing;
    const repeats = new Map<AlertTarget, Repeat>();
    this.repeats.forEach((r) => {
      const key = idOfTarget(r.head.target) ?? r.head.target;
      const same = repeats.get(key);
      if (same) foldRepeat(same, r);
      else repeats.set(key, { ...r });
    });
    const passedOver = new Map<AlertTarget, AlertHead>();
    this.passedOver.forEach((h) => passedOver.set(idOfTarget(h.target) ?? h.target, h));
    this.closing = { repeats: [...repeats.values()], passedOver: [...passedOver.values()] };
    return this.closing;
  }

  summary(): CommittedTransaction {
    const idOf = (w: (typeof this.written)[number]) => (w.entry ? idOfEntry(w.entry) : w.known) ?? 0;
    return {
      read: this.read, created: this.creates.length, bumped: this.repeatCount, known: this.knownDocs, unattributed: this.unattributed,
      writeBack: this.written.map((w) => ({ origin: w.candidate.origin as { index: string; id: string }, alertId: idOf(w) })),
    };
  }
}
