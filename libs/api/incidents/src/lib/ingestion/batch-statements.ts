import { insertSql, parameterWriter, updateFromRowsSql, type SqlCell, type SqlDialect, type ValueWriter } from '@copilot/api-core';
import type { Evidence, KnownEvidence } from './known-evidence';
import type { AlertHead, AlertTarget, BatchPlan, BumpPlan, NewAlertPlan } from './dedup-planner';

/** Rows per multi-row statement with placeholders: well under SQLite's placeholder limit for the widest table. */
export const CHUNK = 500;
/**
 * Rows per statement with the values in place (no placeholder limit): fewer, larger statements cost the server
 * less per row, up to the text limit below.
 */
const INLINE_CHUNK = 5000;
/** Text per statement for rows that carry whole documents, well under MySQL's packet limit (16 MB by default). */
const CHUNK_CHARS = 2 * 1024 * 1024;

/**
 * A statement (text with its values in place, or `?` with `params`), and for a repeat's UPDATE the rows it must
 * match (fewer: an alert changed under the batch).
 */
export interface BatchSql {
  sql: string;
  params?: SqlCell[];
  expectRows?: number;
}

/** Builds one statement from SQL written through a value writer (with parameters, or with values in place), of up to `rows` rows. */
export interface StatementMaker {
  rows: number;
  make(build: (value: ValueWriter) => string): BatchSql;
}

export const withParameters = (dialect: SqlDialect): StatementMaker => ({
  rows: CHUNK,
  make: (build) => {
    const p = parameterWriter(dialect);
    const sql = build(p.value);
    return { sql, params: p.params };
  },
});

export const withValuesInline = (inline: ValueWriter): StatementMaker => ({ rows: INLINE_CHUNK, make: (build) => ({ sql: build(inline) }) });

export function chunks<T>(rows: readonly T[], charsOf?: (row: T) => number, max = CHUNK): T[][] {
  const out: T[][] = [];
  let part: T[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = charsOf?.(row) ?? 0;
    if (part.length === max || (part.length > 0 && chars + size > CHUNK_CHARS)) {
      out.push(part);
      part = [];
      chars = 0;
    }
    part.push(row);
    chars += size;
  }
  if (part.length > 0) out.push(part);
  return out;
}

/** A new alert's values, by entity property and by column: one list serves both insert paths. */
export const ALERT_FIELDS = [
  ['title', 'title'], ['description', 'description'], ['status', 'status'], ['severity', 'severity'], ['source', 'source'],
  ['customerCode', 'customer_code'], ['escalated', 'escalated'], ['occurrences', 'occurrences'], ['firstEventAt', 'first_event_at'],
  ['lastEventAt', 'last_event_at'], ['lastSeenAt', 'last_seen_at'], ['ruleId', 'rule_id'], ['dedupKey', 'dedup_key'], ['externalId', 'external_id'],
] as const;
export const ALERT_COLUMNS = ALERT_FIELDS.map(([, column]) => column);
export type NewAlertRow = Record<(typeof ALERT_FIELDS)[number][0], SqlCell>;

/** Columns not listed take their defaults (closed_at, assignee, verdict fields NULL; version 1). */
export function newAlertRow(p: NewAlertPlan, now: Date): NewAlertRow {
  return {
    title: p.first.title, description: p.first.description, status: 'OPEN', severity: p.first.severity, source: p.first.source,
    customerCode: p.first.customerCode, escalated: false, occurrences: p.count, firstEventAt: new Date(p.minAt), lastEventAt: new Date(p.maxAt), lastSeenAt: now,
    ruleId: p.first.ruleId, dedupKey: p.first.dedupKey, externalId: p.first.externalId,
  };
}

export function newAlertCells(p: NewAlertPlan, now: Date): SqlCell[] {
  const r = newAlertRow(p, now);
  return ALERT_FIELDS.map(([prop]) => r[prop]);
}

export interface WriteContext {
  dialect: SqlDialect;
  sourceId: number;
  now: Date;
  actor: { id: number; username: string } | null;
  /** How each statement takes its values: as parameters, or escaped in place. */
  statement: StatementMaker;
  /** How a statement names an alert: its id, or an expression for one inserted earlier in the same script. */
  idOf: (target: AlertTarget) => SqlCell;
  known?: KnownEvidence;
}

export interface BatchWrites {
  statements: BatchSql[];
  /** The evidence sent: once the batch commits and ids are known, the caller may remember it. */
  evidence: Evidence[];
}

const BUMP_SET = (value: ValueWriter, now: Date) => 'occurrences = alerts.occurrences + v.n, '
  + 'last_event_at = CASE WHEN alerts.last_event_at < v.last_at THEN v.last_at ELSE alerts.last_event_at END, '
  + 'first_event_at = CASE WHEN alerts.first_event_at > v.first_at THEN v.first_at ELSE alerts.first_event_at END, '
  + `last_seen_at = ${value(now)}, updated_at = ${value(now)}`;

/** A repeat as written: how many documents, over which event span, onto which alert at which version. */
export interface Repeat {
  head: AlertHead;
  count: number;
  minAt: number;
  maxAt: number;
}

/** Committed alerts by id; new ones (not inserted yet, so with higher ids) after them. */
const orderOf = (target: AlertTarget): number => (typeof target === 'number' ? target : (target.id ?? Number.MAX_SAFE_INTEGER));
const byTarget = (a: { head: AlertHead }, b: { head: AlertHead }) => orderOf(a.head.target) - orderOf(b.head.target);

/**
 * What ends a transaction's alert writes. First, the heads it decided against (a new alert instead of a
 * repeat) are checked to still be at the version planned against; then the repeats: atomic increments, one
 * statement per chunk joined to the chunk's values, matching only the version planned against too. So an alert
 * edited or deleted since sends the transaction back to be planned again; both statements lock what they match
 * until the commit. The row version is kept, so a repeat never makes an analyst's edit stale.
 */
export function repeatStatements(repeats: readonly Repeat[], passedOver: readonly AlertHead[], ctx: WriteContext): BatchSql[] {
  const checks = chunks(passedOver, undefined, ctx.statement.rows).map((part) => ({
    ...ctx.statement.make((value) => updateFromRowsSql(ctx.dialect, 'alerts', ['id', 'ver'], part.map((h) => [ctx.idOf(h.target), h.version]),
      () => 'version = alerts.version', value, 'alerts.version = v.ver')),
    expectRows: part.length,
  }));
  // In id order: each statement walks the table's B-tree forwards.
  const bumps = chunks([...repeats].sort(byTarget), undefined, ctx.statement.rows).map((part) => ({
    ...ctx.statement.make((value) => updateFromRowsSql(ctx.dialect, 'alerts', ['id', 'n', 'first_at', 'last_at', 'ver'],
      part.map((b) => [ctx.idOf(b.head.target), b.count, new Date(b.minAt), new Date(b.maxAt), b.head.version]),
      (v) => BUMP_SET(v, ctx.now), value, 'alerts.version = v.ver')),
    expectRows: part.length,
  }));
  return [...checks, ...bumps];
}

function inserts(ctx: WriteContext, table: string, columns: readonly string[], rows: SqlCell[][], options: { ignoreDuplicates?: boolean; charsOf?: (row: SqlCell[]) => number } = {}): BatchSql[] {
  // Assets and IoCs already on the alert are simply kept (INSERT IGNORE / INSERT OR IGNORE).
  return chunks(rows, options.charsOf, ctx.statement.rows).map((part) => ctx.statement.make((value) => insertSql(ctx.dialect, table, columns, part, value, options)));
}

const byOriginKey = (a: SqlCell[], b: SqlCell[]) => {
  const [ai, ad, bi, bd] = [a[1] as string, a[2] as string, b[1] as string, b[2] as string];
  return ai < bi ? -1 : ai > bi ? 1 : ad < bd ? -1 : ad > bd ? 1 : 0;
};

/**
 * The rows a batch plan adds after its new alerts' rows: assets, IoCs, first-document context, origin keys,
 * tags and CREATED timeline events, as multi-row statements; `repeatStatements` writes the repeats' counts. The
 * caller runs both in the transaction that also moves the cursor, so the batch commits whole or not at all.
 */
export function batchInserts(plan: BatchPlan, ctx: WriteContext): BatchWrites {
  const evidence: Evidence[] = [];
  const assets: SqlCell[][] = [];
  const iocs: SqlCell[][] = [];
  const add = (target: AlertTarget, e: NewAlertPlan | BumpPlan) => {
    const id = ctx.idOf(target);
    // Repeats mostly carry assets and IoCs the alert already has: those known are not sent again.
    const fresh = (kind: Evidence[1], key: string) => !ctx.known?.has(target, kind, key);
    // forEach, not for-of: no [key, value] pair allocated per entry on this path.
    e.assets.forEach((a, name) => {
      if (!fresh('asset', name)) return;
      evidence.push([target, 'asset', name]);
      assets.push([id, name, a.agentId, a.index, a.docId]);
    });
    e.iocs.forEach((ioc, key) => {
      if (!fresh('ioc', key)) return;
      evidence.push([target, 'ioc', key]);
      iocs.push([id, ioc.type, ioc.value]);
    });
  };
  // In id order (existing alerts, then this batch's new ones), so each table's rows reach its B-tree in key order.
  for (const b of [...plan.bumps].sort(byTarget)) add(b.head.target, b);
  for (const p of plan.creates) add(p, p);
  // Origin keys by (index, document id), the primary key, so they reach its B-tree as a run, not scattered.
  const origins: SqlCell[][] = [];
  plan.candidates.forEach((c, i) => {
    const e = plan.placement[i];
    if (c.origin) origins.push([ctx.sourceId, c.origin.index, c.origin.id, ctx.idOf('first' in e ? e : e.head.target), c.eventAt]);
  });
  origins.sort(byOriginKey);
  const contexts = plan.creates.flatMap((p) => (p.first.document && p.first.origin ? [[ctx.idOf(p), p.first.origin.index, p.first.origin.id, JSON.stringify(p.first.document)]] : []));
  const statements = [
    ...inserts(ctx, 'alert_assets', ['alert_id', 'name', 'agent_id', 'index_name', 'index_id'], assets, { ignoreDuplicates: true }),
    ...inserts(ctx, 'alert_iocs', ['alert_id', 'type', 'value'], iocs, { ignoreDuplicates: true }),
    ...inserts(ctx, 'alert_contexts', ['alert_id', 'index_name', 'doc_id', 'document'], contexts, { charsOf: (row) => (row[3] as string).length }),
    ...inserts(ctx, 'alert_origins', ['source_id', 'index_name', 'doc_id', 'alert_id', 'event_at'], origins),
    ...inserts(ctx, 'alert_tags', ['alert_id', 'tag'], plan.creates.flatMap((p) => p.first.tags.map((tag) => [ctx.idOf(p), tag]))),
    ...inserts(ctx, 'alert_events', ['alert_id', 'actor_id', 'actor_username', 'kind', 'from_value', 'to_value', 'at'],
      plan.creates.map((p) => [ctx.idOf(p), ctx.actor?.id ?? null, ctx.actor?.username ?? null, 'CREATED', null, 'OPEN', ctx.now])),
  ];
  return { statements, evidence };
}

/** A batch written alone: its repeats and its rows. */
export function batchWrites(plan: BatchPlan, ctx: WriteContext): BatchWrites {
  const rows = batchInserts(plan, ctx);
  return { statements: [...repeatStatements(plan.bumps, plan.passedOver, ctx), ...rows.statements], evidence: rows.evidence };
}
