import type { Alert } from './alert.entity';
import type { AlertComment, AlertEvent } from './alert-children.entities';
import type { AlertCommentDto, AlertDto, AlertEventDto } from './dto/alert.dto';

/** Explicit field lists, so a column added to an entity is never published by accident. */
export function toAlertDto(a: Alert, tags: string[]): AlertDto {
  return {
    id: a.id, title: a.title, description: a.description, status: a.status, closedAt: a.closedAt, severity: a.severity, source: a.source,
    customerCode: a.customerCode, assigneeId: a.assigneeId, escalated: a.escalated, verdict: a.verdict, verdictReason: a.verdictReason,
    verdictNote: a.verdictNote, verdictBy: a.verdictBy, verdictAt: a.verdictAt, occurrences: a.occurrences, firstEventAt: a.firstEventAt,
    lastEventAt: a.lastEventAt, lastSeenAt: a.lastSeenAt, externalId: a.externalId, tags, createdAt: a.createdAt, updatedAt: a.updatedAt, version: a.version,
  };
}

export function toCommentDto(c: AlertComment): AlertCommentDto {
  return { id: c.id, alertId: c.alertId, authorId: c.authorId, authorUsername: c.authorUsername, body: c.body, createdAt: c.createdAt };
}

export function toEventDto(e: AlertEvent): AlertEventDto {
  return { id: e.id, kind: e.kind, actorId: e.actorId, actorUsername: e.actorUsername, fromValue: e.fromValue, toValue: e.toValue, at: e.at };
}
