import type { NewAlertPlan } from './dedup-planner';
import { KnownEvidence } from './known-evidence';

const entry = (): NewAlertPlan => ({ assets: new Map(), iocs: new Map(), count: 1, minAt: 0, maxAt: 0, first: null as never, id: null });

describe('known evidence', () => {
  it('knows what was added, by alert id or by the plan entry of an alert not inserted yet, and after the entry got its id', () => {
    const known = new KnownEvidence();
    const fresh = entry();
    known.add([[7, 'asset', 'web-01'], [fresh, 'ioc', 'IP\u000010.0.0.1']]);
    expect(known.has(7, 'asset', 'web-01')).toBe(true);
    expect(known.has(7, 'ioc', 'web-01')).toBe(false);
    expect(known.has(8, 'asset', 'web-01')).toBe(false);
    expect(known.has(fresh, 'ioc', 'IP\u000010.0.0.1')).toBe(true);
    fresh.id = 9;
    known.settle([fresh]);
    expect(known.has(9, 'ioc', 'IP\u000010.0.0.1')).toBe(true);
    expect(known.has(fresh, 'ioc', 'IP\u000010.0.0.1')).toBe(true);
  });

  it('keeps what keeps coming back when it fills, and lets one-off values age out', () => {
    const known = new KnownEvidence(3);
    known.add([[1, 'ioc', 'recurring']]);
    for (let i = 0; i < 10; i++) {
      known.add([[1, 'ioc', `once-${i}`]]);
      expect(known.has(1, 'ioc', 'recurring')).toBe(true); // looked up again: kept young
    }
    expect(known.has(1, 'ioc', 'once-0')).toBe(false);
    expect(known.has(1, 'ioc', 'once-9')).toBe(true);
  });

  it('forgets everything when cleared (a transaction failed: what it sent is not there)', () => {
    const known = new KnownEvidence();
    known.add([[1, 'asset', 'a']]);
    known.clear();
    expect(known.has(1, 'asset', 'a')).toBe(false);
  });
});
