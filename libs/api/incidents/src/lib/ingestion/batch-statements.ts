import { insertSql, parameterWriter, updateFromRowsSql, type SqlCell, type SqlDialect, type ValueWriter } from '@copilot/api-core';
import { idOfTarget, type AlertHead, type AlertTarget, type BatchPlan, type BumpPlan, type NewAlertPlan } from './dedup-planner';

/** Rows per multi-row statement: well under SQLite's and MySQL's placeholder limits for the widest table. */
export const CHUNK = 500;
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

/** Builds one statement from SQL written through a value writer: with parameters, or with values in place. */
export type StatementMaker = (build: (value: ValueWriter) => string) => BatchSql;

export const withParameters = (dialect: SqlDialect): StatementMaker => (build) => {
  const p = parameterWriter(dialect);
  const sql = build(p.value);
  return { sql, params: p.params };
};

export const withValuesInline = (inline: ValueWriter): StatementMaker => (build) => ({ sql: build(inline) });

export function chunks<T>(rows: readonly T[], charsOf?: (row: T) => number): T[][] {
  const out: T[][] = [];
  let part: T[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = charsOf?.(row) ?? 0;
    if (part.length === CHUNK || (part.length > 0 && chars + size > CHUNK_CHARS)) {
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

/** An asset (by name) or an IoC (by type and value) of an alert. */
export type Evidence = [target: AlertTarget, kind: 'asset' | 'ioc', key: string];

/**
 * Assets and IoCs known to be on an alert (committed), by alert id: a repeat mostly carries what its alert
 * already has, and those rows are not sent again. Filled only after a commit; bounded, and simply cleared when
 * full (a forgotten row is sent again and ignored by the database).
 */
export class CommittedEvidence {
  private readonly byAlert = new Map<number, { asset?: Set<string>; ioc?: Set<string> }>();
  private size = 0;

  constructor(private readonly max = 200_000) {}

  has(alertId: number, kind: Evidence[1], key: string): boolean {
    return this.byAlert.get(alertId)?.[kind]?.has(key) ?? false;
  }

  add(evidence: readonly Evidence[]): void {
    if (this.size + evidence.length > this.max) {
      this.byAlert.clear();
      this.size = 0;
    }
    for (const [target, kind, key] of evidence) {
      const id = idOfTarget(target);
      if (id === null) continue;
      let keys = this.byAlert.get(id);
      if (!keys) this.byAlert.set(id, (keys = {}));
      const set = (keys[kind] ??= new Set());
      if (!set.has(key)) {
        set.add(key);
        this.size++;
      }
    }
  }
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
  committed?: CommittedEvidence;
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

/**
 * Repeats: atomic increments, one statement per chunk joined to the chunk's values. The join also asks for the
 * version the batch was planned against, so an alert edited or deleted since is not matched (and the batch is
 * planned again). The row version is kept, so a repeat never makes an analyst's edit stale.
 */
function bumpStatements(bumps: readonly BumpPlan[], ctx: WriteContext): BatchSql[] {
  return chunks(bumps).map((part) => ({
    ...ctx.statement((value) => updateFromRowsSql(ctx.dialect, 'alerts', ['id', 'n', 'first_at', 'last_at', 'ver'],
      part.map((b) => [ctx.idOf(b.head.target), b.count, new Date(b.minAt), new Date(b.maxAt), b.head.version]),
      (v) => BUMP_SET(v, ctx.now), value, 'alerts.version = v.ver')),
    expectRows: part.length,
  }));
}

/**
 * Heads the batch decided against (a new alert instead of a repeat): still at the version planned against, or
 * the batch is planned again. The no-op UPDATE also locks them until the batch commits, as a repeat's does.
 */
function passedOverStatements(heads: readonly AlertHead[], ctx: WriteContext): BatchSql[] {
  return chunks(heads).map((part) => ({
    ...ctx.statement((value) => updateFromRowsSql(ctx.dialect, 'alerts', ['id', 'ver'], part.map((h) => [ctx.idOf(h.target), h.version]),
      () => 'version = alerts.version', value, 'alerts.version = v.ver')),
    expectRows: part.length,
  }));
}

function inserts(ctx: WriteContext, table: string, columns: readonly string[], rows: SqlCell[][], options: { ignoreDuplicates?: boolean; charsOf?: (row: SqlCell[]) => number } = {}): BatchSql[] {
  // Assets and IoCs already on the alert are simply kept (INSERT IGNORE / INSERT OR IGNORE).
  return chunks(rows, options.charsOf).map((part) => ctx.statement((value) => insertSql(ctx.dialect, table, columns, part, value, options)));
}

/**
 * Everything a batch plan writes after its new alerts' rows: repeats, assets, IoCs, first-document context,
 * origin keys, tags and CREATED timeline events, as multi-row statements. The caller runs them in the
 * transaction that also moves the cursor, so the batch commits whole or not at all.
 */
export function batchWrites(plan: BatchPlan, ctx: WriteContext): BatchWrites {
  const evidence: Evidence[] = [];
  const assets: SqlCell[][] = [];
  const iocs: SqlCell[][] = [];
  const origins: SqlCell[][] = [];
  const add = (target: AlertTarget, e: NewAlertPlan | BumpPlan) => {
    const id = ctx.idOf(target);
    // Repeats mostly carry assets and IoCs the alert already has: those known to be committed are not sent again.
    const known = idOfTarget(target);
    const fresh = (kind: Evidence[1], key: string) => known === null || !ctx.committed?.has(known, kind, key);
    for (const [name, c] of e.assets) {
      if (!fresh('asset', name)) continue;
      evidence.push([target, 'asset', name]);
      assets.push([id, name, c.asset?.agentId ?? null, c.document ? c.origin?.index ?? null : null, c.document ? c.origin?.id ?? null : null]);
    }
    for (const [key, ioc] of e.iocs) {
      if (!fresh('ioc', key)) continue;
      evidence.push([target, 'ioc', key]);
      iocs.push([id, ioc.type, ioc.value]);
    }
    for (const c of e.origins) origins.push([ctx.sourceId, c.origin?.index ?? null, c.origin?.id ?? null, id, c.eventAt]);
  };
  for (const p of plan.creates) add(p, p);
  for (const b of plan.bumps) add(b.head.target, b);
  const contexts = plan.creates.flatMap((p) => (p.first.document && p.first.origin ? [[ctx.idOf(p), p.first.origin.index, p.first.origin.id, JSON.stringify(p.first.document)]] : []));
  const statements = [
    ...passedOverStatements(plan.passedOver, ctx),
    ...bumpStatements(plan.bumps, ctx),
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
