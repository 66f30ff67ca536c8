import { BadInputError, FieldProblem, ForbiddenError, Principal } from '@copilot/api-core';
import type { Alert } from './alert.entity';
import type { AlertEventKind, Verdict, VerdictReason } from './alert.types';
import type { PatchAlertDto } from './dto/alert-input.dto';

export interface PlannedEvent {
  kind: AlertEventKind;
  fromValue: string | null;
  toValue: string | null;
}

/** What one PATCH changes: the columns for one atomic UPDATE, the new tag set, the timeline. */
export interface PatchPlan {
  set: Partial<Pick<Alert, 'status' | 'closedAt' | 'severity' | 'assigneeId' | 'escalated' | 'verdict' | 'verdictReason' | 'verdictNote' | 'verdictBy' | 'verdictAt'>>;
  tags?: string[];
  events: PlannedEvent[];
}

/** A customer user may move an alert through its statuses and nothing else (issue 3). */
const CUSTOMER_USER_FIELDS = new Set<string>(['status']);

/**
 * Pure: decides what a PATCH changes compared with the current row, refusing what the caller may
 * not do. Only fields whose value actually differs are written, and each writes one timeline event,
 * so a repeated PATCH is a no-op and the timeline records real changes only.
 */
export function planPatch(current: Alert, currentTags: readonly string[], dto: PatchAlertDto, actor: Principal, now: Date): PatchPlan {
  const present = Object.entries(dto).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (actor.role === 'customer_user') {
    const refused = present.filter((k) => !CUSTOMER_USER_FIELDS.has(k));
    if (refused.length > 0) {
      throw new ForbiddenError(`A customer user may only change an alert's status, not ${refused.join(', ')}`, refused.map((field) => ({ field, message: 'not allowed for customer users' })));
    }
  }
  const plan: PatchPlan = { set: {}, events: [] };
  const change = (kind: AlertEventKind, fromValue: string | null, toValue: string | null) => plan.events.push({ kind, fromValue, toValue });

  if (dto.status !== undefined && dto.status !== current.status) {
    plan.set.status = dto.status;
    plan.set.closedAt = dto.status === 'CLOSED' ? now : null;
    change('STATUS', current.status, dto.status);
  }
  if (dto.severity !== undefined && dto.severity !== current.severity) {
    plan.set.severity = dto.severity;
    change('SEVERITY', current.severity, dto.severity);
  }
  if (dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId) {
    plan.set.assigneeId = dto.assigneeId;
    change('ASSIGNEE', idText(current.assigneeId), idText(dto.assigneeId));
  }
  if (dto.escalated !== undefined && dto.escalated !== current.escalated) {
    plan.set.escalated = dto.escalated;
    change('ESCALATED', String(current.escalated), String(dto.escalated));
  }
  planVerdict(plan, current, dto, actor, now);
  if (dto.tags !== undefined) {
    const next = [...dto.tags].sort();
    const before = [...currentTags].sort();
    if (JSON.stringify(next) !== JSON.stringify(before)) {
      plan.tags = next;
      change('TAGS', JSON.stringify(before), JSON.stringify(next));
    }
  }
  return plan;
}

function planVerdict(plan: PatchPlan, current: Alert, dto: PatchAlertDto, actor: Principal, now: Date): void {
  const problems: FieldProblem[] = [];
  if (dto.verdict === undefined) {
    if (dto.verdictReason !== undefined) problems.push({ field: 'verdictReason', message: 'only together with verdict' });
    if (dto.verdictNote !== undefined) problems.push({ field: 'verdictNote', message: 'only together with verdict' });
  } else if (dto.verdict === 'FALSE_POSITIVE' && dto.verdictReason === undefined) {
    problems.push({ field: 'verdictReason', message: 'required for a false positive' });
  } else if (dto.verdict !== 'FALSE_POSITIVE' && dto.verdictReason !== undefined) {
    problems.push({ field: 'verdictReason', message: 'only for a false positive' });
  }
  if (dto.verdict === null && dto.verdictNote !== undefined) problems.push({ field: 'verdictNote', message: 'cannot annotate a cleared verdict' });
  if (problems.length > 0) throw new BadInputError(`Invalid verdict: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  if (dto.verdict === undefined) return;

  const reason: VerdictReason | null = dto.verdictReason ?? null;
  const note = dto.verdictNote?.trim() || null;
  if (dto.verdict === current.verdict && reason === current.verdictReason && note === current.verdictNote) return;
  plan.set.verdict = dto.verdict;
  plan.set.verdictReason = reason;
  plan.set.verdictNote = note;
  plan.set.verdictBy = dto.verdict === null ? null : actor.username;
  plan.set.verdictAt = dto.verdict === null ? null : now;
  plan.events.push({ kind: 'VERDICT', fromValue: verdictText(current.verdict, current.verdictReason), toValue: verdictText(dto.verdict, reason) });
}

function idText(id: number | null): string | null {
  return id === null ? null : String(id);
}

function verdictText(verdict: Verdict | null, reason: VerdictReason | null): string | null {
  if (verdict === null) return null;
  return reason ? `${verdict}/${reason}` : verdict;
}
