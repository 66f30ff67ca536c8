import type { AlertHead, BatchPlan, BumpPlan, NewAlertPlan } from './dedup-planner';
import { PassTransaction } from './pass-transaction';

const head = (target: AlertHead['target'], version = 1): AlertHead => ({
  target, status: 'OPEN', closedAt: null, firstEventAt: new Date(0), lastEventAt: new Date(0), version,
});
const bump = (h: AlertHead, count: number, minAt: number, maxAt: number): BumpPlan => ({ assets: new Map(), iocs: new Map(), count, minAt, maxAt, head: h, closed: false });
const plan = (bumps: BumpPlan[], passedOver: AlertHead[] = []): BatchPlan => ({ candidates: [], creates: [], bumps, placement: [], passedOver, heads: new Map() });
const batch = (n: number, at: number) => ({ candidates: [], samples: [], read: n, first: null, cursor: { time: at, id: `d${at}` } });

describe('a pass transaction', () => {
  it('folds the repeats of its batches into one per alert, and moves the cursor forward only', () => {
    const tx = new PassTransaction({ cursor: { time: 50, id: 'x' }, samples: [] });
    const a = head(7);
    tx.add(batch(10, 100), plan([bump(a, 3, 10, 20)]), [], new Map(), { lookedUp: false, checking: false, writeBack: false });
    tx.add(batch(10, 40), plan([bump(a, 2, 5, 30), bump(head(8), 1, 1, 1)]), [], new Map(), { lookedUp: false, checking: false, writeBack: false });
    const { repeats } = tx.closingWork();
    expect(repeats.map((r) => [r.head.target, r.count, r.minAt, r.maxAt])).toEqual([[7, 5, 5, 30], [8, 1, 1, 1]]);
    expect(tx.after.cursor).toEqual({ time: 100, id: 'd100' });
    expect([tx.read, tx.repeatCount]).toEqual([20, 2]);
  });

  it('writes one repeat for an alert it gathered both by its plan entry and, once inserted, by its id', () => {
    const created: NewAlertPlan = { assets: new Map(), iocs: new Map(), count: 1, minAt: 0, maxAt: 0, first: null as never, id: null };
    const tx = new PassTransaction({ cursor: null, samples: [] });
    tx.add(batch(5, 1), plan([bump(head(created), 2, 10, 10)], [head(created)]), [], new Map(), { lookedUp: false, checking: false, writeBack: false });
    created.id = 42; // its batch answered; the head cache named it by id from then on
    tx.add(batch(5, 2), plan([bump(head(42), 4, 20, 20)], [head(42)]), [], new Map(), { lookedUp: false, checking: false, writeBack: false });
    const { repeats, passedOver } = tx.closingWork();
    expect(repeats).toHaveLength(1);
    expect(repeats[0]).toMatchObject({ count: 6, minAt: 10, maxAt: 20 });
    expect(passedOver).toHaveLength(1);
    // The source's "alerts repeated" counts it once too.
    expect([tx.repeatCount, tx.summary().bumped]).toEqual([1, 1]);
  });

  it('is full at its document limit or its time limit', () => {
    const tx = new PassTransaction({ cursor: null, samples: [] });
    tx.add(batch(30, 1), plan([]), [], new Map(), { lookedUp: false, checking: false, writeBack: false });
    expect(tx.full({ docs: 31, ms: 60_000 })).toBe(false);
    expect(tx.full({ docs: 30, ms: 60_000 })).toBe(true);
    expect(tx.full({ docs: 1_000, ms: 0 })).toBe(true);
  });
});
