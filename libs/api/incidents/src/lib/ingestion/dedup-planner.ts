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

interface Evidence {
  /** By asset name: the first document that named it. */
  assets: Map<string, Candidate>;
  iocs: Map<string, CandidateIoc>;
  /** Documents folded in that came from the indexer (each leaves an origin key). */
  origins: Candidate[];
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
  creates: NewAlertPlan[];
  bumps: BumpPlan[];
  /** Per candidate, in input order: which plan entry took it. */
  placement: PlanEntry[];
  /** Heads a candidate did not belong to (it started a new alert instead): the writer checks they are unchanged. */
  passedOver: AlertHead[];
  /** The head of every key the batch touched, as it will be once the batch is written: what the next batch plans against. */
  heads: Map<string, AlertHead>;
}

/** A key's state while a batch is planned; an existing head's window in epoch millis, stretched by its repeats. */
type Head = { kind: 'existing'; head: AlertHead; from: number; to: number; entry: BumpPlan | undefined } | { kind: 'new'; entry: NewAlertPlan };

function evidenceOf(at: number): Evidence {
  return { assets: new Map(), iocs: new Map(), origins: [], count: 0, minAt: at, maxAt: at };
}

function fold(e: Evidence, c: Candidate, at: number): void {
  e.count += 1;
  if (at < e.minAt) e.minAt = at;
  const end = c.spanEnd ? Math.max(c.spanEnd.getTime(), at) : at;
  if (end > e.maxAt) e.maxAt = end;
  if (c.asset && !e.assets.has(c.asset.name)) e.assets.set(c.asset.name, c);
  for (const ioc of c.iocs) e.iocs.set(ioc.key, ioc);
  if (c.origin) e.origins.push(c);
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
  ...h,
  firstEventAt: b.minAt < h.firstEventAt.getTime() ? new Date(b.minAt) : h.firstEventAt,
  lastEventAt: b.maxAt > h.lastEventAt.getTime() ? new Date(b.maxAt) : h.lastEventAt,
});

/**
 * Decides, for candidates in event-time order, which create a new alert and which repeat an existing or
 * just-planned one. Pure: the writer turns the plan into a few multi-row statements.
 */
export function planBatch(candidates: readonly Candidate[], heads: HeadLookup, windowMs: number): BatchPlan {
  const plan: BatchPlan = { creates: [], bumps: [], placement: [], passedOver: [], heads: new Map() };
  // Only the keys this batch touches, so planning costs the batch, not the size of a pass's cache.
  const current = new Map<string, Head>();
  for (const c of candidates) {
    const at = c.eventAt.getTime();
    let h = current.get(c.dedupKey);
    if (!h) {
      const known = heads.get(c.dedupKey);
      if (known) {
        const { from, to } = windowOf(known, windowMs);
        current.set(c.dedupKey, (h = { kind: 'existing', head: known, from, to, entry: undefined }));
      }
    }
    if (h?.kind === 'new' && at >= h.entry.minAt - windowMs && at <= h.entry.maxAt + windowMs) {
      fold(h.entry, c, at);
      plan.placement.push(h.entry);
      continue;
    }
    if (h?.kind === 'existing' && at >= h.from && at <= h.to) {
      if (!h.entry) {
        h.entry = { ...evidenceOf(at), head: h.head, closed: h.head.status === 'CLOSED' };
        plan.bumps.push(h.entry);
      }
      fold(h.entry, c, at);
      // Later repeats in the batch compare against the span including this one.
      if (!h.entry.closed && at + windowMs > h.to) h.to = at + windowMs;
      plan.placement.push(h.entry);
      continue;
    }
    // A decision against a head (from a pass's cache, possibly minutes old) that a repeat's UPDATE will not check.
    if (h?.kind === 'existing' && !h.entry) plan.passedOver.push(h.head);
    const entry: NewAlertPlan = { ...evidenceOf(at), first: c, id: null };
    fold(entry, c, at);
    plan.creates.push(entry);
    current.set(c.dedupKey, { kind: 'new', entry });
    plan.placement.push(entry);
  }
  for (const [key, h] of current) {
    if (h.kind === 'new') plan.heads.set(key, newHead(h.entry));
    else if (h.entry) plan.heads.set(key, bumpedHead(h.head, h.entry));
  }
  return plan;
}

/** The alert id each candidate went to, in input order (0 where an id is not known yet). */
export function placedIds(plan: BatchPlan): number[] {
  return plan.placement.map((e) => ('first' in e ? e.id : idOfTarget(e.head.target)) ?? 0);
}
