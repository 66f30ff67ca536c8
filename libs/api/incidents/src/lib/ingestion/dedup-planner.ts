import type { AlertStatus } from '../alerts/alert.types';
import type { Candidate, CandidateIoc } from './document-mapper';

/** A committed alert's id, or a new alert planned by a batch (its id is known once its INSERT has run). */
export type AlertTarget = number | NewAlertPlan;

/** What dedup needs of the newest alert of a key, and what a repeat's writer checks is still so when it writes. */
export interface AlertHead {
  target: AlertTarget;
  status: AlertStatus;
  closedAt: Date | null;
  firstEventAt: Date;
  lastEventAt: Date;
  /**
   * Raised by every edit except a repeat: the writer bumps the alert only while it is still this, so a status,
   * closing or deletion after the plan sends the batch back to be planned again. (Another writer's repeat keeps
   * the version: counts and event times are atomic SQL, right whatever the order.)
   */
  version: number;
}

/** Heads by dedup key: a map, or a pass's cache of them. */
export interface HeadLookup {
  get(key: string): AlertHead | undefined;
}

/** An asset as the alert keeps it: the agent, and the indexer document that first named it (null for a push). */
export interface AssetSeen {
  agentId: string | null;
  index: string | null;
  docId: string | null;
}

interface Evidence {
  /** By asset name. */
  assets: Map<string, AssetSeen>;
  iocs: Map<string, CandidateIoc>;
  /** Documents and pushes folded into this plan entry. */
  count: number;
  /** The span of event times folded in, in epoch millis (compared per document; a Date compares slowly). */
  minAt: number;
  maxAt: number;
}

export interface NewAlertPlan extends Evidence {
  first: Candidate;
  /** Set once the alert's row is inserted. */
  id: number | null;
}

export interface BumpPlan extends Evidence {
  /** The head as planned against: the writer bumps the alert only while its version is still this one. */
  head: AlertHead;
  /** The alert was CLOSED: counted on it, never reopened. */
  closed: boolean;
}

export type PlanEntry = NewAlertPlan | BumpPlan;

export interface BatchPlan {
  /** The candidates planned, in the order planned (event time); `placement` runs beside it. */
  candidates: readonly Candidate[];
  creates: NewAlertPlan[];
  bumps: BumpPlan[];
  /** Per candidate, in input order: which plan entry took it. */
  placement: PlanEntry[];
  /** Heads a candidate did not belong to (it started a new alert instead): the writer checks they are unchanged. */
  passedOver: AlertHead[];
  /** The head of every key the batch touched, as it will be once the batch is written: what the next batch plans against. */
  heads: Map<string, AlertHead>;
}

/**
 * A key's state while a batch is planned: the existing head (its window in epoch millis, stretched by the
 * repeats), the entry repeating it, and the newest alert the batch creates for the key. One shape for every key,
 * and entries written out field by field, so this loop (run per document) sees one object layout each.
 */
interface KeyState {
  head: AlertHead | null;
  from: number;
  to: number;
  bump: BumpPlan | null;
  created: NewAlertPlan | null;
}

const newEntry = (c: Candidate, at: number): NewAlertPlan => ({ assets: new Map(), iocs: new Map(), count: 0, minAt: at, maxAt: at, first: c, id: null });
const bumpEntry = (head: AlertHead, at: number): BumpPlan => ({
  assets: new Map(), iocs: new Map(), count: 0, minAt: at, maxAt: at, head, closed: head.status === 'CLOSED',
});

function fold(e: Evidence, c: Candidate, at: number): void {
  e.count += 1;
  if (at < e.minAt) e.minAt = at;
  const end = c.spanEnd ? Math.max(c.spanEnd.getTime(), at) : at;
  if (end > e.maxAt) e.maxAt = end;
  if (c.asset && !e.assets.has(c.asset.name)) {
    e.assets.set(c.asset.name, { agentId: c.asset.agentId, index: c.document ? (c.origin?.index ?? null) : null, docId: c.document ? (c.origin?.id ?? null) : null });
  }
  for (const ioc of c.iocs) e.iocs.set(ioc.key, ioc);
}

/** The id of a target, once known. */
export function idOfTarget(target: AlertTarget): number | null {
  return typeof target === 'number' ? target : target.id;
}

/**
 * The window of event times a repeat must fall in to belong to an alert: its event span widened by the window
 * while it is open; once CLOSED, up to the window after its closing (counted there, so a closed alert is not
 * recreated by the tail of the same burst). Events far older than the alert (a back-fill) start their own.
 */
function windowOf(head: Pick<AlertHead, 'status' | 'closedAt' | 'firstEventAt' | 'lastEventAt'>, windowMs: number): { from: number; to: number } {
  // A closed alert's window runs from its closing and is not stretched by the repeats counted on it.
  const end = head.status === 'CLOSED' ? (head.closedAt ?? head.lastEventAt) : head.lastEventAt;
  return { from: head.firstEventAt.getTime() - windowMs, to: end.getTime() + windowMs };
}

export function belongsTo(head: Pick<AlertHead, 'status' | 'closedAt' | 'firstEventAt' | 'lastEventAt'>, at: Date, windowMs: number): boolean {
  const { from, to } = windowOf(head, windowMs);
  return at.getTime() >= from && at.getTime() <= to;
}

const newHead = (e: NewAlertPlan): AlertHead => ({
  target: e, status: 'OPEN', closedAt: null, firstEventAt: new Date(e.minAt), lastEventAt: new Date(e.maxAt), version: 1,
});

/** The head once a bump is written: the same SQL the writer runs (min/max of event times). */
const bumpedHead = (h: AlertHead, b: BumpPlan): AlertHead => ({
  target: h.target, status: h.status, closedAt: h.closedAt, version: h.version,
  firstEventAt: b.minAt < h.firstEventAt.getTime() ? new Date(b.minAt) : h.firstEventAt,
  lastEventAt: b.maxAt > h.lastEventAt.getTime() ? new Date(b.maxAt) : h.lastEventAt,
});

/**
 * Decides, for candidates in event-time order, which create a new alert and which repeat an existing or
 * just-planned one. Pure: the writer turns the plan into a few multi-row statements.
 */
export function planBatch(candidates: readonly Candidate[], heads: HeadLookup, windowMs: number): BatchPlan {
  const plan: BatchPlan = { candidates, creates: [], bumps: [], placement: [], passedOver: [], heads: new Map() };
  // Only the keys this batch touches, so planning costs the batch, not the size of a pass's cache.
  const current = new Map<string, KeyState>();
  for (const c of candidates) {
    const at = c.eventAt.getTime();
    let k = current.get(c.dedupKey);
    if (!k) {
      const head = heads.get(c.dedupKey) ?? null;
      const window = head ? windowOf(head, windowMs) : { from: 0, to: -1 };
      current.set(c.dedupKey, (k = { head, from: window.from, to: window.to, bump: null, created: null }));
    }
    const created = k.created;
    if (created && at >= created.minAt - windowMs && at <= created.maxAt + windowMs) {
      fold(created, c, at);
      plan.placement.push(created);
      continue;
    }
    if (!created && k.head && at >= k.from && at <= k.to) {
      if (!k.bump) plan.bumps.push((k.bump = bumpEntry(k.head, at)));
      fold(k.bump, c, at);
      // Later repeats in the batch compare against the span including this one.
      if (!k.bump.closed && at + windowMs > k.to) k.to = at + windowMs;
      plan.placement.push(k.bump);
      continue;
    }
    // A decision against a head (from a pass's cache, possibly minutes old) that a repeat's UPDATE will not check.
    if (!created && k.head && !k.bump) plan.passedOver.push(k.head);
    const entry = newEntry(c, at);
    fold(entry, c, at);
    plan.creates.push(entry);
    k.created = entry;
    plan.placement.push(entry);
  }
  current.forEach((k, key) => {
    if (k.created) plan.heads.set(key, newHead(k.created));
    else if (k.head && k.bump) plan.heads.set(key, bumpedHead(k.head, k.bump));
  });
  return plan;
}

/**
 * Once a batch is planned, only the first document of each new alert is still needed (its context): the others
 * are let go at once, so what lives on while the batch waits and is written is small.
 */
export function releasePlannedDocuments(plan: BatchPlan): void {
  const firsts = new Set(plan.creates.map((p) => p.first));
  for (const c of plan.candidates) if (c.document && !firsts.has(c)) c.document = null;
}

/**
 * Once a batch is written its plan entries are only ids and heads: what they hold of documents (candidates,
 * assets, the first document) is let go, so a transaction and the head cache keep entries for seconds without keeping
 * every document of every batch alive with them.
 */
export function releaseDocuments(plan: BatchPlan): void {
  for (const e of [...plan.creates, ...plan.bumps]) {
    e.assets.clear();
    e.iocs.clear();
  }
  plan.candidates = [];
  for (const p of plan.creates) if (p.first.document) p.first = { ...p.first, document: null };
}

/** The id of the alert a plan entry creates or repeats, once known. */
export function idOfEntry(e: PlanEntry): number | null {
  return 'first' in e ? e.id : idOfTarget(e.head.target);
}

/** The alert id each candidate went to, in input order (0 where an id is not known yet). */
export function placedIds(plan: BatchPlan): number[] {
  return plan.placement.map((e) => idOfEntry(e) ?? 0);
}
