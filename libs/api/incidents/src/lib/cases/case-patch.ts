import { BadInputError, ForbiddenError, Principal } from '@copilot/api-core';
import type { Case } from './case.entity';
import type { CaseEventKind } from './case.types';
import type { PatchCaseDto } from './dto/case-input.dto';

export interface PlannedCaseEvent {
  kind: CaseEventKind;
  refId?: number | null;
  fromValue: string | null;
  toValue: string | null;
}

/** What one PATCH changes: the columns for one atomic UPDATE, the timeline, and the side effect. */
export interface CasePatchPlan {
  set: Partial<Pick<Case, 'name' | 'description' | 'status' | 'closedAt' | 'assigneeId' | 'escalated'>>;
  events: PlannedCaseEvent[];
  closeLinkedAlerts: boolean;
}

/**
 * Fields a customer user may not send: assigning and escalating are the SOC's calls, and closing
 * the linked alerts is a bulk edit of alerts.
 */
const CUSTOMER_USER_REFUSED = ['assigneeId', 'escalated', 'closeLinkedAlerts'] as const;

/** Refuses (403, naming each) the fields of `dto` a customer user may not set. */
export function refuseCustomerUserFields(dto: object, actor: Principal, what: string): void {
  if (actor.role !== 'customer_user') return;
  const present = Object.entries(dto).filter(([k, v]) => v !== undefined && (CUSTOMER_USER_REFUSED as readonly string[]).includes(k)).map(([k]) => k);
  if (present.length > 0) {
    throw new ForbiddenError(`A customer user may not set ${present.join(', ')} when ${what}`, present.map((field) => ({ field, message: 'not allowed for customer users' })));
  }
}

/**
 * Pure: decides what a PATCH changes compared with the current row, refusing what the caller may
 * not do. Only fields whose value differs are written, each with one timeline event, so a repeated
 * PATCH is a no-op. The description is large, so its event records that it changed, not the text.
 */
export function planCasePatch(current: Case, dto: PatchCaseDto, actor: Principal, now: Date): CasePatchPlan {
  refuseCustomerUserFields(dto, actor, 'updating a case');
  if (dto.closeLinkedAlerts === true && dto.status !== 'CLOSED') {
    throw new BadInputError('closeLinkedAlerts needs status CLOSED in the same request', [{ field: 'closeLinkedAlerts', message: 'only together with status CLOSED' }]);
  }
  const plan: CasePatchPlan = { set: {}, events: [], closeLinkedAlerts: dto.closeLinkedAlerts === true };
  const change = (kind: CaseEventKind, fromValue: string | null, toValue: string | null) => plan.events.push({ kind, fromValue, toValue });

  if (dto.name !== undefined && dto.name !== current.name) {
    plan.set.name = dto.name;
    change('NAME', current.name, dto.name);
  }
  if (dto.description !== undefined && dto.description !== current.description) {
    plan.set.description = dto.description;
    change('DESCRIPTION', null, null);
  }
  if (dto.status !== undefined && dto.status !== current.status) {
    plan.set.status = dto.status;
    plan.set.closedAt = dto.status === 'CLOSED' ? now : null;
    change('STATUS', current.status, dto.status);
  }
  if (dto.assigneeId !== undefined && dto.assigneeId !== current.assigneeId) {
    plan.set.assigneeId = dto.assigneeId;
    change('ASSIGNEE', idText(current.assigneeId), idText(dto.assigneeId));
  }
  if (dto.escalated !== undefined && dto.escalated !== current.escalated) {
    plan.set.escalated = dto.escalated;
    change('ESCALATED', String(current.escalated), String(dto.escalated));
  }
  return plan;
}

export function idText(id: number | null): string | null {
  return id === null ? null : String(id);
}
