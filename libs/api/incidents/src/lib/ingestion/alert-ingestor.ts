import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Candidate } from './document-mapper';
import { planBatch, placedIds } from './dedup-planner';
import { freshInEventOrder, knownOrigins, originKey, readHeads } from './ingest-lookups';
import { StaleHeadError, writePlan } from './plan-writer';

export interface IngestOutcome {
  created: number;
  bumped: number;
  /** Documents whose origin key was already known: nothing written for them. */
  known: number;
  /** Alert id per candidate, in input order. */
  alertIds: number[];
  /** Per candidate: true when it created its alert. */
  createdFlags: boolean[];
}

/** A repeat's alert changing under the batch again and again means something is wrong: give up after these. */
const MAX_ATTEMPTS = 4;

/**
 * Alerts that arrive one at a time (pushed by a tool, created by hand from an indexer document), through the
 * same dedup as a pass's batches. In one transaction: drop documents already ingested (origin keys), find the
 * newest alert of each dedup key, plan and write, so all of it commits together or not at all.
 */
@Injectable()
export class AlertIngestor {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ingest(candidates: Candidate[], sourceId: number, windowMs: number, options: { actor?: { id: number; username: string } | null } = {}): Promise<IngestOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(candidates, sourceId, windowMs, options.actor ?? null);
      } catch (err) {
        if (!(err instanceof StaleHeadError) || attempt === MAX_ATTEMPTS) throw err;
      }
    }
  }

  private attempt(candidates: Candidate[], sourceId: number, windowMs: number, actor: { id: number; username: string } | null): Promise<IngestOutcome> {
    return this.db.transaction(async (tx) => {
      const known = await knownOrigins(tx, sourceId, candidates);
      const ordered = freshInEventOrder(candidates, known);
      const plan = planBatch(ordered, await readHeads(tx, [...new Set(ordered.map((c) => c.dedupKey))]), windowMs);
      await writePlan(tx, plan, sourceId, new Date(), actor);
      const placed = placedIds(plan);
      const ids = new Map(ordered.map((c, i) => [c, placed[i]]));
      const firsts = new Set(plan.creates.map((p) => p.first));
      return {
        created: plan.creates.length, bumped: plan.bumps.length, known: candidates.length - ordered.length,
        alertIds: candidates.map((c) => ids.get(c) ?? known.get(c.origin ? originKey(c.origin) : '') ?? 0),
        createdFlags: candidates.map((c) => firsts.has(c)),
      };
    });
  }
}
