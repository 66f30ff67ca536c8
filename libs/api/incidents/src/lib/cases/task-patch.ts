import { BadInputError } from '@copilot/api-core';
import type { CaseTask } from './case-children.entities';
import type { PlannedCaseEvent } from './case-patch';
import type { TaskStatus } from './case.types';
import type { PatchCaseTaskDto } from './dto/case-task.dto';

export interface TaskPatchPlan {
  set: Partial<Pick<CaseTask, 'title' | 'description' | 'status' | 'mandatory'>>;
  events: PlannedCaseEvent[];
}

/** A mandatory task must be done: waving it off as NOT_NECESSARY is refused (400 naming status). */
export function assertTaskState(mandatory: boolean, status: TaskStatus, field: 'status' | 'mandatory' = 'status'): void {
  if (mandatory && status === 'NOT_NECESSARY') {
    throw new BadInputError('A mandatory task cannot be NOT_NECESSARY', [{ field, message: 'a mandatory task cannot be NOT_NECESSARY' }]);
  }
}

/**
 * Pure: what a task PATCH changes. The rule is checked on the resulting state, so making a
 * NOT_NECESSARY task mandatory is refused just like waving off a mandatory one.
 */
export function planTaskPatch(current: CaseTask, dto: PatchCaseTaskDto): TaskPatchPlan {
  const mandatory = dto.mandatory ?? current.mandatory;
  const status = dto.status ?? current.status;
  assertTaskState(mandatory, status, dto.status !== undefined ? 'status' : 'mandatory');
  const plan: TaskPatchPlan = { set: {}, events: [] };
  const edited: string[] = [];
  if (dto.title !== undefined && dto.title !== current.title) {
    plan.set.title = dto.title;
    edited.push('title');
  }
  if (dto.description !== undefined && dto.description !== current.description) {
    plan.set.description = dto.description;
    edited.push('description');
  }
  if (dto.mandatory !== undefined && dto.mandatory !== current.mandatory) {
    plan.set.mandatory = dto.mandatory;
    edited.push('mandatory');
  }
  if (edited.length > 0) plan.events.push({ kind: 'TASK_UPDATED', refId: current.id, fromValue: null, toValue: edited.join(',') });
  if (dto.status !== undefined && dto.status !== current.status) {
    plan.set.status = dto.status;
    plan.events.push({ kind: 'TASK_STATUS', refId: current.id, fromValue: current.status, toValue: dto.status });
  }
  return plan;
}
