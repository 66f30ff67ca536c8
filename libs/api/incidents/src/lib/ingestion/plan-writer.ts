import type { EntityManager } from 'typeorm';
import { insertRows, insertRowsWithIds, updateFromRows } from '@copilot/api-core';
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

/** New alerts in multi-row INSERTs; their ids come from the server when consecutive, else by the (source, customer, externalId) index. */
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
    const generated = await insertRowsWithIds(tx, 'alerts', ALERT_COLUMNS, part.map(cells));
    if (generated) {
      part.forEach((p, i) => ids.set(p, generated[i]));
      continue;
    }
    // One read-back per chunk: per customer an IN list, each a range of the (source, customer, externalId) index.
    const byCustomer = new Map<string, string[]>();
    for (const p of part) {
      const group = byCustomer.get(p.first.customerCode) ?? [];
      group.push(p.first.externalId as string);
      byCustomer.set(p.first.customerCode, group);
    }
    const groups = [...byCustomer.entries()];
    const rows: { id: number; customer_code: string; external_id: string }[] = await tx.query(
      `SELECT id, customer_code, external_id FROM alerts WHERE source = ? AND (${groups.map(([, e]) => `(customer_code = ? AND external_id IN (${e.map(() => '?').join(', ')}))`).join(' OR ')})`,
      [part[0].first.source, ...groups.flatMap(([code, e]) => [code, ...e])],
    );
    const byKey = new Map(rows.map((a) => [`${a.customer_code}\u0000${a.external_id}`, Number(a.id)]));
    for (const p of part) ids.set(p, byKey.get(`${p.first.customerCode}\u0000${p.first.externalId}`) as number);
  }
}

/** A repeat's alert is gone (deleted after the batch read its head): the batch must be planned again. */
export class StaleHeadError extends Error {
  constructor() {
    super('an alert a repeat belongs to changed while the batch was planned');
  }
}

/**
 * Repeats: atomic SQL increments, one statement per chunk joined to the chunk's values; the row version is
 * kept, so a repeat never makes an analyst's edit stale.
 */
async function applyBumps(tx: EntityManager, bumps: readonly BumpPlan[], now: Date, ids: Map<NewAlertPlan | BumpPlan, number>): Promise<void> {
  for (const part of chunks(bumps)) {
    const matched = await updateFromRows(tx, 'alerts', ['id', 'n', 'first_at', 'last_at'], part.map((b) => [b.alertId, Math.trunc(b.count), b.minEventAt, b.maxEventAt]),
      'occurrences = alerts.occurrences + v.n, '
      + 'last_event_at = CASE WHEN alerts.last_event_at < v.last_at THEN v.last_at ELSE alerts.last_event_at END, '
      + 'first_event_at = CASE WHEN alerts.first_event_at > v.first_at THEN v.first_at ELSE alerts.first_event_at END, '
      + 'last_seen_at = ?, updated_at = ?', [now, now]);
    if (matched !== part.length) throw new StaleHeadError();
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
