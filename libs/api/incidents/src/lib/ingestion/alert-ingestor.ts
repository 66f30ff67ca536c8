import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { driverParams, isDuplicateKey, readDate } from '@copilot/api-core';
import type { Candidate } from './document-mapper';
import { AlertHead, planBatch, type BatchPlan } from './dedup-planner';
import { IngestionFaults } from './ingestion-faults';
import { StaleHeadError, writePlan } from './plan-writer';

export interface IngestOutcome {
  created: number;
  bumped: number;
  /** Documents whose origin key was already known (the overlap, a retried batch): nothing written for them. */
  known: number;
  /** Alert id per candidate, in input order (for write-back and for the pushing caller). */
  alertIds: number[];
  /** Per candidate: true when it created its alert. */
  createdFlags: boolean[];
  /** An `assumeUnseen` batch collided with a known origin key and was planned again with lookups. */
  rechecked: boolean;
}

type Attempt = IngestOutcome & { evidenceKeys: string[] };

export interface IngestOptions {
  actor?: { id: number; username: string } | null;
  assumeUnseen?: boolean;
  inTx?: (tx: EntityManager, written: { created: number; bumped: number }) => Promise<void>;
}

/**
 * The one path every alert takes in: ingested documents, manual creates and pushed alerts. In one transaction:
 * drop documents already ingested (origin keys), find the newest alert of each dedup key, plan, write, and run
 * the caller's `inTx` (the cursor), so all of it commits together or not at all.
 */
@Injectable()
export class AlertIngestor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly faults: IngestionFaults,
  ) {}

  /**
   * Asset and IoC keys committed by this process, so repeats skip rows the alert already has. Filled only after
   * a commit (a rolled-back batch must not claim rows that are not there); bounded, and simply cleared when full.
   */
  private readonly committedEvidence = new Set<string>();

  /**
   * `assumeUnseen`: the caller knows no pass has ingested these documents (they lie past the cursor the pass
   * started from), so their origin keys are not looked up. Should one have come in another way (a manual
   * create), its origin key collides, the transaction rolls back and the batch is planned again with lookups;
   * so is a batch whose repeat lost its alert to a delete while it was being planned.
   */
  async ingest(
    candidates: Candidate[], sourceId: number, windowMs: number,
    options: IngestOptions = {},
  ): Promise<IngestOutcome> {
    let outcome: Attempt;
    try {
      outcome = await this.attempt(candidates, sourceId, windowMs, options, options.assumeUnseen ?? false);
    } catch (err) {
      // Only a collision says the origin keys must be looked up after all; a stale repeat just needs new heads.
      const collided = (options.assumeUnseen ?? false) && isDuplicateKey(err);
      if (!collided && !(err instanceof StaleHeadError)) throw err;
      outcome = { ...(await this.attempt(candidates, sourceId, windowMs, options, (options.assumeUnseen ?? false) && !collided)), rechecked: collided };
    }
    if (this.committedEvidence.size + outcome.evidenceKeys.length > EVIDENCE_CACHE_MAX) this.committedEvidence.clear();
    for (const key of outcome.evidenceKeys) this.committedEvidence.add(key);
    const { evidenceKeys: _written, ...result } = outcome;
    return result;
  }

  private attempt(
    candidates: Candidate[], sourceId: number, windowMs: number,
    options: IngestOptions,
    assumeUnseen: boolean,
  ): Promise<Attempt> {
    return this.db.transaction(async (tx) => {
      const known = assumeUnseen ? new Map<string, number>() : await this.knownOrigins(tx, sourceId, candidates);
      const fresh = candidates.filter((c) => !c.origin || !known.has(originKey(c.origin)));
      const ordered = [...fresh].sort((a, b) => a.eventAt.getTime() - b.eventAt.getTime());
      const plan = planBatch(ordered, await this.heads(tx, ordered), windowMs);
      await this.faults.reach('after-plan', tx);
      const written = await writePlan(tx, plan, sourceId, new Date(), options.actor ?? null, (key) => this.committedEvidence.has(key));
      this.faults.hit('after-alerts-written');
      if (options.inTx) {
        this.faults.hit('before-cursor');
        await options.inTx(tx, written);
      }
      const firsts = new Set(plan.creates.map((p) => p.first));
      const idByCandidate = placementIds(ordered, plan, written.alertIdOf);
      const alertIds = candidates.map((c) => idByCandidate.get(c) ?? known.get(c.origin ? originKey(c.origin) : '') ?? 0);
      return {
        created: written.created, bumped: written.bumped, known: candidates.length - fresh.length, alertIds,
        createdFlags: candidates.map((c) => firsts.has(c)), rechecked: false,
        evidenceKeys: written.evidenceKeys,
      };
    });
  }

  private async knownOrigins(tx: EntityManager, sourceId: number, candidates: Candidate[]): Promise<Map<string, number>> {
    const byIndex = new Map<string, Set<string>>();
    for (const c of candidates) if (c.origin) byIndex.set(c.origin.index, (byIndex.get(c.origin.index) ?? new Set()).add(c.origin.id));
    const out = new Map<string, number>();
    if (byIndex.size === 0) return out;
    // Per index an IN list, so each is a range of the (source, index, doc) primary key, never a scan of the source.
    const groups = [...byIndex.entries()];
    const where = groups.map(([, ids]) => `(index_name = ? AND doc_id IN (${[...ids].map(() => '?').join(', ')}))`).join(' OR ');
    const rows: { index_name: string; doc_id: string; alert_id: number }[] = await tx.query(
      `SELECT index_name, doc_id, alert_id FROM alert_origins WHERE source_id = ? AND (${where})`,
      driverParams(tx, [sourceId, ...groups.flatMap(([index, ids]) => [index, ...ids])]),
    );
    for (const r of rows) out.set(originKey({ index: r.index_name, id: r.doc_id }), Number(r.alert_id));
    return out;
  }

  /** The newest alert of each key: the one a repeat may bump (older ones are past their window by construction). */
  private async heads(tx: EntityManager, candidates: Candidate[]): Promise<Map<string, AlertHead>> {
    const keys = [...new Set(candidates.map((c) => c.dedupKey))];
    const out = new Map<string, AlertHead>();
    if (keys.length === 0) return out;
    const list = keys.map(() => '?').join(', ');
    const rows: { id: number; status: AlertHead['status']; closed_at: unknown; first_event_at: unknown; last_event_at: unknown; dedup_key: string }[] = await tx.query(
      `SELECT id, status, closed_at, first_event_at, last_event_at, dedup_key FROM alerts WHERE id IN (SELECT MAX(id) FROM alerts WHERE dedup_key IN (${list}) GROUP BY dedup_key)`,
      keys,
    );
    for (const a of rows) {
      out.set(a.dedup_key, { id: Number(a.id), status: a.status, closedAt: a.closed_at == null ? null : readDate(a.closed_at), firstEventAt: readDate(a.first_event_at), lastEventAt: readDate(a.last_event_at) });
    }
    return out;
  }
}

const EVIDENCE_CACHE_MAX = 500_000;

const originKey = (o: { index: string; id: string }) => `${o.index}\u0000${o.id}`;

function placementIds(ordered: Candidate[], plan: BatchPlan, ids: Map<unknown, number>): Map<Candidate, number> {
  const out = new Map<Candidate, number>();
  ordered.forEach((c, i) => out.set(c, ids.get(plan.placement[i].entry) as number));
  return out;
}


