import { BadInputError, ForbiddenError, Principal } from '@copilot/api-core';
import type { Alert } from './alert.entity';
import { planPatch } from './alert-patch';

const now = new Date('2024-06-01T12:00:00.000Z');
const analyst: Principal = { id: 7, username: 'ana', role: 'analyst', scope: { kind: 'all' } };
const customerUser: Principal = { id: 9, username: 'cu', role: 'customer_user', scope: { kind: 'some', codes: ['acme'] } };

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 1, title: 't', description: null, status: 'OPEN', closedAt: null, severity: 'Medium', source: 'wazuh', customerCode: 'acme', assigneeId: null,
    escalated: false, verdict: null, verdictReason: null, verdictNote: null, verdictBy: null, verdictAt: null, occurrences: 1, firstEventAt: now,
    lastEventAt: now, lastSeenAt: now, ruleId: null, dedupKey: null, externalId: null, createdAt: now, updatedAt: now, version: 1, ...over,
  };
}

describe('planPatch', () => {
  it('sets closedAt on closing and clears it on reopening, one STATUS event each', () => {
    const close = planPatch(alert(), [], { status: 'CLOSED' }, analyst, now);
    expect(close.set).toEqual({ status: 'CLOSED', closedAt: now });
    expect(close.events).toEqual([{ kind: 'STATUS', fromValue: 'OPEN', toValue: 'CLOSED' }]);
    expect(planPatch(alert({ status: 'CLOSED', closedAt: now }), [], { status: 'OPEN' }, analyst, now).set).toEqual({ status: 'OPEN', closedAt: null });
  });

  it('writes nothing for values that do not change, including a tag set in another order', () => {
    const plan = planPatch(alert({ severity: 'High' }), ['b', 'a'], { status: 'OPEN', severity: 'High', tags: ['a', 'b'], escalated: false }, analyst, now);
    expect(plan).toEqual({ set: {}, events: [] });
  });

  it('refuses every field but status to a customer user, naming each', () => {
    expect(planPatch(alert(), [], { status: 'IN_PROGRESS' }, customerUser, now).events).toHaveLength(1);
    try {
      planPatch(alert(), [], { status: 'CLOSED', severity: 'Low', tags: [] }, customerUser, now);
      throw new Error('expected a ForbiddenError');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).errors.map((e) => e.field)).toEqual(['severity', 'tags']);
    }
  });

  it('requires a reason for a false positive and stamps who and when', () => {
    expect(() => planPatch(alert(), [], { verdict: 'FALSE_POSITIVE' }, analyst, now)).toThrow(BadInputError);
    expect(() => planPatch(alert(), [], { verdictNote: 'n' }, analyst, now)).toThrow(BadInputError);
    const plan = planPatch(alert(), [], { verdict: 'FALSE_POSITIVE', verdictReason: 'OTHER', verdictNote: ' why ' }, analyst, now);
    expect(plan.set).toEqual({ verdict: 'FALSE_POSITIVE', verdictReason: 'OTHER', verdictNote: 'why', verdictBy: 'ana', verdictAt: now });
    expect(plan.events).toEqual([{ kind: 'VERDICT', fromValue: null, toValue: 'FALSE_POSITIVE/OTHER' }]);
  });
});
