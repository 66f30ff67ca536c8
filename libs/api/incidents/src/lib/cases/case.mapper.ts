import type { Alert } from '../alerts/alert.entity';
import type { Case } from './case.entity';
import type { CaseAlert, CaseComment, CaseEvent, CaseTask } from './case-children.entities';
import type { CaseAlertSummaryDto, CaseCommentDto, CaseDto, CaseEventDto } from './dto/case.dto';
import type { CaseTaskDto } from './dto/case-task.dto';

/** Explicit field lists, so a column added to an entity is never published by accident. */
export function toCaseDto(c: Case, alertCount: number): CaseDto {
  return {
    id: c.id, name: c.name, description: c.description, status: c.status, closedAt: c.closedAt, customerCode: c.customerCode, assigneeId: c.assigneeId,
    escalated: c.escalated, source: c.source, templateId: c.templateId, alertCount, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
  };
}

export function toAlertSummary(a: Alert, link: CaseAlert): CaseAlertSummaryDto {
  return { id: a.id, title: a.title, status: a.status, severity: a.severity, source: a.source, lastEventAt: a.lastEventAt, linkedAt: link.linkedAt, linkedBy: link.linkedBy };
}

export function toCaseTaskDto(t: CaseTask): CaseTaskDto {
  return { id: t.id, caseId: t.caseId, title: t.title, description: t.description, status: t.status, mandatory: t.mandatory, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

export function toCaseCommentDto(c: CaseComment): CaseCommentDto {
  return { id: c.id, caseId: c.caseId, authorId: c.authorId, authorUsername: c.authorUsername, body: c.body, createdAt: c.createdAt };
}

export function toCaseEventDto(e: CaseEvent): CaseEventDto {
  return { id: e.id, kind: e.kind, actorId: e.actorId, actorUsername: e.actorUsername, refId: e.refId, fromValue: e.fromValue, toValue: e.toValue, at: e.at };
}
