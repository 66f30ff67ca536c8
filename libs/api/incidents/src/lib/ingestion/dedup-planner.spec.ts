import { iocOf, type Candidate } from './document-mapper';
import { belongsTo, placedIds, planBatch, type AlertHead } from './dedup-planner';

const H = 3600_000;
const t0 = new Date('2024-05-01T00:00:00Z').getTime();
let n = 0;
function cand(key: string, hoursAfter: number, asset = 'web'): Candidate {
  n++;
  return {
    customerCode: 'ACME', source: 'wazuh', ruleId: '1', title: 't', description: null, severity: 'Low', eventAt: new Date(t0 + hoursAfter * H),
    asset: { name: asset, agentId: null }, iocs: [iocOf('IP', `10.0.0.${n % 250}`)], origin: { index: 'i', id: `d${n}` }, document: { n },
    dedupKey: key, externalId: `i/d${n}`, tags: [],
  };
}
const head = (over: Partial<AlertHead>): AlertHead => ({ target: 7, status: 'OPEN', closedAt: null, firstEventAt: new Date(t0), lastEventAt: new Date(t0), version: 3, ...over });

describe('dedup planning', () => {
  it('folds repeats within the window into one new alert and starts another after it', () => {
    const plan = planBatch([cand('k', 0), cand('k', 1), cand('k', 20), cand('k', 50)], new Map(), 24 * H);
    expect(plan.creates.map((c) => c.count)).toEqual([3, 1]);
    expect(plan.placement.slice(0, 3).every((e) => e === plan.creates[0])).toBe(true);
    expect(plan.creates[0].maxAt).toBe(t0 + 20 * H);
    expect(plan.bumps).toEqual([]);
  });

  it('bumps an open alert within the window of its last event, with the new assets and IoCs', () => {
    const plan = planBatch([cand('k', 23, 'web'), cand('k', 30, 'db')], new Map([['k', head({})]]), 24 * H);
    expect(plan.creates).toEqual([]);
    expect(plan.bumps).toHaveLength(1);
    expect(plan.bumps[0]).toMatchObject({ head: { target: 7, version: 3 }, count: 2, closed: false });
    expect([...plan.bumps[0].assets.keys()]).toEqual(['web', 'db']);
    expect(plan.bumps[0].iocs.size).toBe(2);
  });

  it('counts a repeat on a CLOSED alert within the window after its closing, and creates anew after it', () => {
    const closed = head({ status: 'CLOSED', closedAt: new Date(t0 + 10 * H) });
    expect(belongsTo(closed, new Date(t0 + 33 * H), 24 * H)).toBe(true);
    expect(belongsTo(closed, new Date(t0 + 35 * H), 24 * H)).toBe(false);
    const plan = planBatch([cand('k', 33), cand('k', 35)], new Map([['k', closed]]), 24 * H);
    expect(plan.bumps).toHaveLength(1);
    expect(plan.bumps[0].closed).toBe(true);
    expect(plan.creates).toHaveLength(1);
  });

  it('lists the heads it decided against, for the writer to check they did not change meanwhile', () => {
    const stale = head({ target: 8, lastEventAt: new Date(t0) });
    const plan = planBatch([cand('k', 30), cand('k', 31), cand('j', 1)], new Map([['k', stale], ['j', head({ target: 9 })]]), 24 * H);
    expect(plan.creates).toHaveLength(1);
    expect(plan.passedOver).toEqual([stale]);
    expect(plan.bumps.map((b) => b.head.target)).toEqual([9]);
  });

  it('gives a back-filled event far older than the alert its own alert, and a zero window disables dedup', () => {
    expect(planBatch([cand('k', -48)], new Map([['k', head({})]]), 24 * H).creates).toHaveLength(1);
    expect(planBatch([cand('k', 0), cand('k', 0)], new Map(), 0).creates).toHaveLength(1);
    expect(planBatch([cand('k', 0), cand('k', 1)], new Map(), 0).creates).toHaveLength(2);
  });

  it('records where each candidate went, in input order', () => {
    const plan = planBatch([cand('a', 0), cand('b', 0), cand('a', 1)], new Map([['b', head({ target: 9 })]]), 24 * H);
    expect(plan.placement.map((e) => ('first' in e ? 'create' : 'bump'))).toEqual(['create', 'bump', 'create']);
    expect(plan.placement[0]).toBe(plan.placement[2]);
  });

  it('leaves the head of each touched key as the batch will write it, for the next batch to plan against', () => {
    const plan = planBatch([cand('a', 1), cand('a', 2), cand('n', 3), cand('n', 4)], new Map([['a', head({})], ['idle', head({ target: 11 })]]), 24 * H);
    const a = plan.heads.get('a');
    expect(a).toMatchObject({ target: 7, version: 3 });
    expect(a?.lastEventAt.getTime()).toBe(t0 + 2 * H);
    const n = plan.heads.get('n');
    expect(n).toMatchObject({ target: plan.creates[0], status: 'OPEN', version: 1 });
    expect(plan.heads.has('idle')).toBe(false);
    // The next batch repeats the new alert through its plan entry, whose id the writer fills in.
    const next = planBatch([cand('n', 5)], plan.heads, 24 * H);
    expect(next.bumps[0].head.target).toBe(plan.creates[0]);
    expect(placedIds(next)).toEqual([0]);
    plan.creates[0].id = 42;
    expect(placedIds(next)).toEqual([42]);
  });
});
