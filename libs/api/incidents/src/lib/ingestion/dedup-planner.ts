import type { AlertStatus } from '../alerts/alert.types';
import type { Candidate } from './document-mapper';

/** What dedup needs of the newest existing alert of a key. */
export interface AlertHead {
  id: number;
  status: AlertStatus;
  closedAt: Date | null;
  firstEventAt: Date;
  lastEventAt: Date;
}

interface Evidence {
  assets: Map<string, { name: string; agentId: string | null; index: string | null; docId: string | null }>;
  iocs: Map<string, { type: Candidate['iocs'][number]['type']; value: string }>;
  origins: { index: string; id: string; eventAt: Date }[];
  /** Documents and pushes folded into this plan entry. */
  count: number;
  minEventAt: Date;
  maxEventAt: Date;
}

export interface NewAlertPlan extends Evidence {
  first: Candidate;
}

export interface BumpPlan extends Evidence {
  alertId: number;
  /** The alert was CLOSED: counted on it, never reopened. */
  closed: boolean;
}

export interface BatchPlan {
  creates: NewAlertPlan[];
  bumps: BumpPlan[];
  /** Per candidate, in input order: which plan entry took it. */
  placement: ({ kind: 'create'; entry: NewAlertPlan } | { kind: 'bump'; entry: BumpPlan })[];
}

type Head = { kind: 'existing'; head: AlertHead; entry?: BumpPlan } | { kind: 'new'; entry: NewAlertPlan };

function evidenceOf(c: Candidate): Evidence {
  return { assets: new Map(), iocs: new Map(), origins: [], count: 0, minEventAt: c.eventAt, maxEventAt: c.eventAt };
}

function fold(e: Evidence, c: Candidate): void {
  e.count += 1;
  if (c.eventAt < e.minEventAt) e.minEventAt = c.eventAt;
  const end = c.spanEnd && c.spanEnd > c.eventAt ? c.spanEnd : c.eventAt;
  if (end > e.maxEventAt) e.maxEventAt = end;
  if (c.asset && !e.assets.has(c.asset.name)) {
    e.assets.set(c.asset.name, { ...c.asset, index: c.document ? c.origin?.index ?? null : null, docId: c.document ? c.origin?.id ?? null : null });
  }
  for (const ioc of c.iocs) e.iocs.set(`${ioc.type}\u0000${ioc.value}`, ioc);
  if (c.origin) e.origins.push({ ...c.origin, eventAt: c.eventAt });
}

/**
 * Whether a repeat at `at` belongs to an alert: within the window of its event span while it is open, or
 * within the window after its closing once it is CLOSED (counted there, so a closed alert is not recreated
 * by the tail of the same burst). Events far older than the alert (a back-fill) start their own alert.
 */
export function belongsTo(head: Pick<AlertHead, 'status' | 'closedAt' | 'firstEventAt' | 'lastEventAt'>, at: Date, windowMs: number): boolean {
  if (at.getTime() < head.firstEventAt.getTime() - windowMs) return false;
  // A closed alert's window runs from its closing and is not stretched by the repeats counted on it.
  const end = head.status === 'CLOSED' ? (head.closedAt ?? head.lastEventAt) : head.lastEventAt;
  return at.getTime() <= end.getTime() + windowMs;
}

/**
 * Decides, for candidates in event-time order, which create a new alert and which repeat an existing or
 * just-planned one. Pure: the writer turns the plan into a few multi-row statements.
 */
export function planBatch(candidates: readonly Candidate[], heads: ReadonlyMap<string, AlertHead>, windowMs: number): BatchPlan {
  const plan: BatchPlan = { creates: [], bumps: [], placement: [] };
  const current = new Map<string, Head>();
  for (const [key, head] of heads) current.set(key, { kind: 'existing', head });
  for (const c of candidates) {
    const h = current.get(c.dedupKey);
    if (h?.kind === 'new' && belongsTo({ status: 'OPEN', closedAt: null, firstEventAt: h.entry.minEventAt, lastEventAt: h.entry.maxEventAt }, c.eventAt, windowMs)) {
      fold(h.entry, c);
      plan.placement.push({ kind: 'create', entry: h.entry });
      continue;
    }
    if (h?.kind === 'existing' && belongsTo(h.head, c.eventAt, windowMs)) {
      if (!h.entry) {
        h.entry = { ...evidenceOf(c), alertId: h.head.id, closed: h.head.status === 'CLOSED' };
        plan.bumps.push(h.entry);
      }
      fold(h.entry, c);
      // Later repeats in the batch compare against the span including this one.
      if (c.eventAt > h.head.lastEventAt) h.head = { ...h.head, lastEventAt: c.eventAt };
      plan.placement.push({ kind: 'bump', entry: h.entry });
      continue;
    }
    const entry: NewAlertPlan = { ...evidenceOf(c), first: c };
    fold(entry, c);
    plan.creates.push(entry);
    current.set(c.dedupKey, { kind: 'new', entry });
    plan.placement.push({ kind: 'create', entry });
  }
  return plan;
}
