import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ConflictError, isDuplicateKey, Principal } from '@copilot/api-core';
import { AlertEvent } from '../alerts/alert-children.entities';
import type { AlertEventKind } from '../alerts/alert.types';
import { CaseTemplatesService } from '../case-templates/case-templates.service';
import { Case } from './case.entity';
import { CaseAlert, CaseEvent, CaseTask } from './case-children.entities';
import type { PlannedCaseEvent } from './case-patch';
import type { CaseStatus } from './case.types';

export interface NewCase {
  name: string;
  description: string | null;
  status: CaseStatus;
  customerCode: string;
  assigneeId: number | null;
  escalated: boolean;
  source: string | null;
}

export interface PlannedAlertEvent {
  alertId: number;
  kind: AlertEventKind;
  fromValue: string | null;
  toValue: string | null;
}

/**
 * The writes every way of making or linking a case shares (plain create, from an alert, a bulk
 * merge), each inside the caller's transaction so the case, its links and both timelines commit
 * or roll back together.
 */
@Injectable()
export class CaseWriter {
  constructor(private readonly templates: CaseTemplatesService) {}

  /** Inserts the case, copies the tasks of the template that matches it, and writes CREATED. */
  async insert(tx: EntityManager, c: NewCase, actor: Principal, now: Date): Promise<number> {
    const picked = await this.templates.pickFor(tx, c.customerCode, c.source);
    const res = await tx.getRepository(Case).insert({
      ...c, closedAt: c.status === 'CLOSED' ? now : null, templateId: picked?.template.id ?? null, createdAt: now, updatedAt: now,
    });
    const id = Number(res.identifiers[0]['id']);
    const events: PlannedCaseEvent[] = [{ kind: 'CREATED', fromValue: null, toValue: c.status }];
    if (picked) {
      events.push({ kind: 'TEMPLATE_APPLIED', refId: picked.template.id, fromValue: null, toValue: picked.template.name });
      if (picked.tasks.length > 0) {
        await tx.getRepository(CaseTask).insert(picked.tasks.map((t) => ({ caseId: id, title: t.title, description: t.description, mandatory: t.mandatory, status: 'TODO' as const })));
      }
    }
    await this.events(tx, id, actor, now, events);
    return id;
  }

  /**
   * Links the alerts not linked yet: one LINKED event on the case and one `alertKind` event on each
   * alert. Returns the ids newly linked (already linked ones are left as they are).
   */
  async link(tx: EntityManager, caseId: number, alertIds: readonly number[], actor: Principal, now: Date, alertKind: 'LINKED' | 'MERGED'): Promise<number[]> {
    if (alertIds.length === 0) return [];
    const existing = new Set((await tx.getRepository(CaseAlert).findBy({ caseId, alertId: In([...alertIds]) })).map((l) => l.alertId));
    const fresh = alertIds.filter((id) => !existing.has(id));
    if (fresh.length === 0) return [];
    try {
      await tx.getRepository(CaseAlert).insert(fresh.map((alertId) => ({ caseId, alertId, linkedAt: now, linkedBy: actor.username })));
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConflictError(`Someone else linked some of these alerts to case ${caseId} at the same time: reload and retry`);
      throw err;
    }
    await this.events(tx, caseId, actor, now, fresh.map((alertId) => ({ kind: 'LINKED', refId: alertId, fromValue: null, toValue: null })));
    await this.alertEvents(tx, fresh.map((alertId) => ({ alertId, kind: alertKind, fromValue: null, toValue: String(caseId) })), actor, now);
    return fresh;
  }

  /** A change to the case's links counts as a change of the case: If-Match sees it. */
  async touch(tx: EntityManager, caseId: number): Promise<void> {
    await tx.createQueryBuilder().update(Case).set({ version: () => 'version + 1' }).where('id = :id', { id: caseId }).execute();
  }

  async events(tx: EntityManager, caseId: number, actor: Principal, at: Date, events: readonly PlannedCaseEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.getRepository(CaseEvent).insert(events.map((e) => ({ refId: null, ...e, caseId, actorId: actor.id, actorUsername: actor.username, at })));
  }

  async alertEvents(tx: EntityManager, events: readonly PlannedAlertEvent[], actor: Principal, at: Date): Promise<void> {
    if (events.length === 0) return;
    await tx.getRepository(AlertEvent).insert(events.map((e) => ({ ...e, actorId: actor.id, actorUsername: actor.username, at })));
  }
}
