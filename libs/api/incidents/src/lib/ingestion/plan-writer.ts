import { Brackets, type EntityManager } from 'typeorm';
import { driverParams, insertRows } from '@copilot/api-core';
import { Alert } from '../alerts/alert.entity';
import type { BatchPlan, BumpPlan, NewAlertPlan } from './dedup-planner';

/** Rows per multi-row statement: well under SQLite's and MySQL's placeholder limits for the widest table. */
const CHUNK = 500;

export interface WrittenPlan {
  alertIdOf: Map<NewAlertPlan | BumpPlan, number>;
  created: number;
  bumped: number;
  /** Asset and IoC keys written: once committed, the caller may skip them on later repeats. */
  evidenceKeys: string[];
}

export const assetKey = (alertId: number, name: string) => `${alertId}\u0000a\u0000${name}`;
export const iocKey = (alertId: number, type: string, value: string) => `${alertId}\u0000i\u0000${type}\u0000${value}`;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

async function insertMany(tx: EntityManager, table: string, columns: readonly string[], rows: Cell[][], ignoreDuplicates = false): Promise<void> {
  // Assets and IoCs already on the alert are simply kept (INSERT IGNORE / INSERT OR IGNORE).
  for (const part of chunks(rows)) await insertRows(tx, table, columns, part, { ignoreDuplicates });
}

type Cell = string | number | boolean | Date | null;

/** A new alert's values, by entity property and by column: one list serves both insert paths. */
const ALERT_FIELDS = [
  ['title', 'title'], ['description', 'description'], ['status', 'status'], ['severity', 'severity'], ['source', 'source'],
  ['customerCode', 'customer_code'], ['escalated', 'escalated'], ['occurrences', 'occurrences'], ['firstEventAt', 'first_event_at'],
  ['lastEventAt', 'last_event_at'], ['lastSeenAt', 'last_seen_at'], ['ruleId', 'rule_id'], ['dedupKey', 'dedup_key'], ['externalId', 'external_id'],
] as const;
const ALERT_COLUMNS = ALERT_FIELDS.map(([, column]) => column);

/** New alerts in multi-row INSERTs; ids are read back through the (source, customer, externalId) unique index. */
async function insertAlerts(tx: EntityManager, creates: readonly NewAlertPlan[], now: Date, ids: Map<NewAlertPlan | BumpPlan, number>): Promise<void> {
  // Columns not listed take their defaults (closed_at, assignee, verdict fields NULL; version 1).
  const row = (p: NewAlertPlan): Record<(typeof ALERT_FIELDS)[number][0], Cell> => ({
    title: p.first.title, description: p.first.description, status: 'OPEN', severity: p.first.severity, source: p.first.source,
    customerCode: p.first.customerCode, escalated: false, occurrences: p.count, firstEventAt: p.minEventAt, lastEventAt: p.maxEventAt, lastSeenAt: now,
    ruleId: p.first.ruleId, dedupKey: p.first.dedupKey, externalId: p.first.externalId,
  });
  const cells = (p: NewAlertPlan): Cell[] => {
    const r = row(p);
    return ALERT_FIELDS.map(([prop]) => r[prop]);
  };
  const keyed = creates.filter((p) => p.first.externalId !== null);
  for (const p of creates.filter((c) => c.first.externalId === null)) {
    // No external id to read it back by: a single-row insert, whose generated id the driver reports.
    const res = await tx.getRepository(Alert).insert(row(p) as Partial<Alert>);
    ids.set(p, Number(res.identifiers[0]['id']));
  }
  for (const part of chunks(keyed)) {
    await insertRows(tx, 'alerts', ALERT_COLUMNS, part.map(cells));
    const byCustomer = new Map<string, NewAlertPlan[]>();
    for (const p of part) byCustomer.set(p.first.customerCode, [...(byCustomer.get(p.first.customerCode) ?? []), p]);
    // One read-back per chunk: per customer an IN list, each a range of the (source, customer, externalId) index.
    const qb = tx.getRepository(Alert).createQueryBuilder('a').select(['a.id', 'a.customerCode', 'a.externalId']).where('a.source = :source', { source: part[0].first.source });
    qb.andWhere(new Brackets((or) => {
      [...byCustomer.entries()].forEach(([code, group], i) => {
        or.orWhere(`(a.customerCode = :c${i} AND a.externalId IN (:...e${i}))`, { [`c${i}`]: code, [`e${i}`]: group.map((p) => p.first.externalId) });
      });
    }));
    const byKey = new Map((await qb.getMany()).map((a) => [`${a.customerCode}\u0000${a.externalId}`, a.id]));
    for (const p of part) ids.set(p, byKey.get(`${p.first.customerCode}\u0000${p.first.externalId}`) as number);
  }
}

/** Repeats: atomic SQL increments; the row version is kept, so a repeat never makes an analyst's edit stale. */
async function applyBumps(tx: EntityManager, bumps: readonly BumpPlan[], now: Date, ids: Map<NewAlertPlan | BumpPlan, number>): Promise<void> {
  for (const part of chunks(bumps)) {
    // One UPDATE per chunk, each column a CASE over the ids: a batch of repeats is a single round trip.
    // Positional parameters, in the order the placeholders appear.
    const occ = part.flatMap((b) => [b.alertId, Math.trunc(b.count)]);
    const last = part.flatMap((b) => [b.alertId, b.maxEventAt, b.maxEventAt]);
    const first = part.flatMap((b) => [b.alertId, b.minEventAt, b.minEventAt]);
    const when = (expr: string) => part.map(() => `WHEN ? THEN ${expr}`).join(' ');
    const sql = `UPDATE alerts SET occurrences = CASE id ${when('occurrences + ?')} ELSE occurrences END, `
      + `last_event_at = CASE id ${when('(CASE WHEN last_event_at < ? THEN ? ELSE last_event_at END)')} ELSE last_event_at END, `
      + `first_event_at = CASE id ${when('(CASE WHEN first_event_at > ? THEN ? ELSE first_event_at END)')} ELSE first_event_at END, `
      + `last_seen_at = ?, updated_at = ? WHERE id IN (${part.map(() => '?').join(', ')})`;
    await tx.query(sql, driverParams(tx, [...occ, ...last, ...first, now, now, ...part.map((b) => b.alertId)]));
    for (const b of part) ids.set(b, b.alertId);
  }
}

/**
 * Writes a batch plan with a handful of multi-row statements: alerts, repeats, assets, IoCs, first-document
 * context, origin keys and CREATED timeline events. Runs inside the caller's transaction, which also holds the
 * cursor update, so the batch commits whole or not at all.
 */
export async function writePlan(
  tx: EntityManager, plan: BatchPlan, sourceId: number, now: Date, actor: { id: number; username: string } | null = null,
  knownEvidence: (key: string) => boolean = () => false,
): Promise<WrittenPlan> {
  const ids = new Map<NewAlertPlan | BumpPlan, number>();
  await insertAlerts(tx, plan.creates, now, ids);
  await applyBumps(tx, plan.bumps, now, ids);
  const entries: (NewAlertPlan | BumpPlan)[] = [...plan.creates, ...plan.bumps];
  const idOf = (e: NewAlertPlan | BumpPlan) => ids.get(e) as number;
  // Repeats mostly carry assets and IoCs the alert already has: those known to be committed are not sent again.
  const assets = entries.flatMap((e) => [...e.assets.values()].map((a) => ({ key: assetKey(idOf(e), a.name), row: [idOf(e), a.name, a.agentId, a.index, a.docId] })))
    .filter((a) => !knownEvidence(a.key));
  const iocs = entries.flatMap((e) => [...e.iocs.values()].map((i) => ({ key: iocKey(idOf(e), i.type, i.value), row: [idOf(e), i.type, i.value] })))
    .filter((i) => !knownEvidence(i.key));
  await insertMany(tx, 'alert_assets', ['alert_id', 'name', 'agent_id', 'index_name', 'index_id'], assets.map((a) => a.row), true);
  await insertMany(tx, 'alert_iocs', ['alert_id', 'type', 'value'], iocs.map((i) => i.row), true);
  await insertMany(tx, 'alert_contexts', ['alert_id', 'index_name', 'doc_id', 'document'], plan.creates.flatMap((p) =>
    p.first.document && p.first.origin ? [[idOf(p), p.first.origin.index, p.first.origin.id, JSON.stringify(p.first.document)]] : []));
  await insertMany(tx, 'alert_origins', ['source_id', 'index_name', 'doc_id', 'alert_id', 'event_at'],
    entries.flatMap((e) => e.origins.map((o) => [sourceId, o.index, o.id, idOf(e), o.eventAt])));
  await insertMany(tx, 'alert_tags', ['alert_id', 'tag'], plan.creates.flatMap((p) => p.first.tags.map((tag) => [idOf(p), tag])));
  await insertMany(tx, 'alert_events', ['alert_id', 'actor_id', 'actor_username', 'kind', 'from_value', 'to_value', 'at'],
    plan.creates.map((p) => [idOf(p), actor?.id ?? null, actor?.username ?? null, 'CREATED', null, 'OPEN', now]));
  return { alertIdOf: ids, created: plan.creates.length, bumped: plan.bumps.length, evidenceKeys: [...assets, ...iocs].map((x) => x.key) };
}
