import { BadInputError, ForbiddenError, Principal } from '@copilot/api-core';
import type { Case } from './case.entity';
import type { CaseTask } from './case-children.entities';
import { planCasePatch } from './case-patch';
import { planTaskPatch } from './task-patch';

const now = new Date('2024-06-01T12:00:00.000Z');
const analyst: Principal = { id: 7, username: 'ana', role: 'analyst', scope: { kind: 'all' } };
const customerUser: Principal = { id: 9, username: 'cu', role: 'customer_user', scope: { kind: 'some', codes: ['acme'] } };

function kase(over: Partial<Case> = {}): Case {
  return {
    id: 1, name: 'n', description: null, status: 'OPEN', closedAt: null, customerCode: 'acme', assigneeId: null, escalated: false, source: null, templateId: null,
    createdAt: now, updatedAt: now, version: 1, ...over,
  };
}

function task(over: Partial<CaseTask> = {}): CaseTask {
  return { id: 5, caseId: 1, title: 't', description: null, status: 'TODO', mandatory: false, createdAt: now, updatedAt: now, ...over };
}

describe('planCasePatch', () => {
  it('sets closedAt on closing and clears it on reopening, one STATUS event each', () => {
    const close = planCasePatch(kase(), { status: 'CLOSED' }, analyst, now);
    expect(close.set).toEqual({ status: 'CLOSED', closedAt: now });
    expect(close.events).toEqual([{ kind: 'STATUS', fromValue: 'OPEN', toValue: 'CLOSED' }]);
    expect(planCasePatch(kase({ status: 'CLOSED', closedAt: now }), { status: 'IN_PROGRESS' }, analyst, now).set).toEqual({ status: 'IN_PROGRESS', closedAt: null });
  });

  it('writes nothing for unchanged values and records a description change without its text', () => {
    expect(planCasePatch(kase({ name: 'x' }), { name: 'x', status: 'OPEN', escalated: false, assigneeId: null }, analyst, now)).toEqual({ set: {}, events: [], closeLinkedAlerts: false });
    expect(planCasePatch(kase(), { description: 'secret text' }, analyst, now).events).toEqual([{ kind: 'DESCRIPTION', fromValue: null, toValue: null }]);
  });

  it('allows closing the linked alerts only together with status CLOSED, even on a closed case', () => {
    expect(() => planCasePatch(kase(), { closeLinkedAlerts: true }, analyst, now)).toThrow(BadInputError);
    expect(() => planCasePatch(kase(), { status: 'OPEN', closeLinkedAlerts: true }, analyst, now)).toThrow(BadInputError);
    const again = planCasePatch(kase({ status: 'CLOSED', closedAt: now }), { status: 'CLOSED', closeLinkedAlerts: true }, analyst, now);
    expect(again).toEqual({ set: {}, events: [], closeLinkedAlerts: true });
  });

  it('refuses assignee, escalation and closing alerts to a customer user, naming each', () => {
    expect(planCasePatch(kase(), { name: 'renamed', status: 'CLOSED' }, customerUser, now).events).toHaveLength(2);
    try {
      planCasePatch(kase(), { status: 'CLOSED', assigneeId: 3, closeLinkedAlerts: true }, customerUser, now);
      throw new Error('expected a ForbiddenError');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).errors.map((e) => e.field)).toEqual(['assigneeId', 'closeLinkedAlerts']);
    }
  });
});

describe('planTaskPatch', () => {
  it('refuses NOT_NECESSARY for a mandatory task, and making a waved-off task mandatory', () => {
    expect(() => planTaskPatch(task({ mandatory: true }), { status: 'NOT_NECESSARY' })).toThrow(BadInputError);
    expect(() => planTaskPatch(task({ status: 'NOT_NECESSARY' }), { mandatory: true })).toThrow(BadInputError);
    expect(planTaskPatch(task({ mandatory: true }), { status: 'DONE' }).events).toEqual([{ kind: 'TASK_STATUS', refId: 5, fromValue: 'TODO', toValue: 'DONE' }]);
  });

  it('records edits of title, description and mandatory in one TASK_UPDATED event', () => {
    const plan = planTaskPatch(task(), { title: 'new', mandatory: true, description: null });
    expect(plan.set).toEqual({ title: 'new', mandatory: true });
    expect(plan.events).toEqual([{ kind: 'TASK_UPDATED', refId: 5, fromValue: null, toValue: 'title,mandatory' }]);
  });
});
