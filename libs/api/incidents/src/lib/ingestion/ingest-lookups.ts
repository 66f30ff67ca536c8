import type { EntityManager } from 'typeorm';
import { driverParams, readDate } from '@copilot/api-core';
import type { AlertHead } from './dedup-planner';
import type { Candidate } from './document-mapper';
import { chunks } from './batch-statements';

export const originKey = (o: { index: string; id: string }) => `${o.index}\u0000${o.id}`;

/** Documents of these candidates already ingested from this source, by origin key, with the alert each became. */
export async function knownOrigins(m: EntityManager, sourceId: number, candidates: readonly Candidate[]): Promise<Map<string, number>> {
  const byIndex = new Map<string, Set<string>>();
  for (const c of candidates) if (c.origin) byIndex.set(c.origin.index, (byIndex.get(c.origin.index) ?? new Set()).add(c.origin.id));
  const out = new Map<string, number>();
  if (byIndex.size === 0) return out;
  // Per index an IN list, so each is a range of the (source, index, doc) primary key, never a scan of the source.
  const groups = [...byIndex.entries()];
  const where = groups.map(([, ids]) => `(index_name = ? AND doc_id IN (${[...ids].map(() => '?').join(', ')}))`).join(' OR ');
  const rows: { index_name: string; doc_id: string; alert_id: number }[] = await m.query(
    `SELECT index_name, doc_id, alert_id FROM alert_origins WHERE source_id = ? AND (${where})`,
    driverParams(m, [sourceId, ...groups.flatMap(([index, ids]) => [index, ...ids])]),
  );
  for (const r of rows) out.set(originKey({ index: r.index_name, id: r.doc_id }), Number(r.alert_id));
  return out;
}

/** The candidates not already ingested (by origin key), in event-time order: what a batch plans. */
export function freshInEventOrder(candidates: readonly Candidate[], known: ReadonlyMap<string, number>): Candidate[] {
  const fresh = known.size === 0 ? [...candidates] : candidates.filter((c) => !c.origin || !known.has(originKey(c.origin)));
  return fresh.sort((a, b) => a.eventAt.getTime() - b.eventAt.getTime());
}

/** The newest alert of each key: the one a repeat may bump (older ones are past their window by construction). */
export async function readHeads(m: EntityManager, keys: readonly string[]): Promise<Map<string, AlertHead>> {
  const out = new Map<string, AlertHead>();
  for (const part of chunks(keys)) {
    const rows: { id: number; status: AlertHead['status']; closed_at: unknown; first_event_at: unknown; last_event_at: unknown; version: number; dedup_key: string }[] = await m.query(
      'SELECT id, status, closed_at, first_event_at, last_event_at, version, dedup_key FROM alerts '
      + `WHERE id IN (SELECT MAX(id) FROM alerts WHERE dedup_key IN (${part.map(() => '?').join(', ')}) GROUP BY dedup_key)`,
      part,
    );
    for (const a of rows) {
      out.set(a.dedup_key, {
        target: Number(a.id), status: a.status, closedAt: a.closed_at == null ? null : readDate(a.closed_at), firstEventAt: readDate(a.first_event_at),
        lastEventAt: readDate(a.last_event_at), version: Number(a.version),
      });
    }
  }
  return out;
}
