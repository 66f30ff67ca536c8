/** Case value sets, labels and timeline wording, shared by the console and the portal (types follow the generated client). */
import type { CaseDetailDto, CaseEventDto, CaseTaskDto } from '@copilot/client';
import type { ChipTone } from '../chip/status-chip.component';

export type CaseStatus = CaseDetailDto['status'];
export type TaskStatus = CaseTaskDto['status'];
export type CaseEventKind = CaseEventDto['kind'];

export const CASE_STATUSES: readonly CaseStatus[] = ['OPEN', 'IN_PROGRESS', 'CLOSED'];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { OPEN: 'Open', IN_PROGRESS: 'In progress', CLOSED: 'Closed' };
export const CASE_STATUS_TONES: Record<CaseStatus, ChipTone> = { OPEN: 'info', IN_PROGRESS: 'warning', CLOSED: 'neutral' };

export const TASK_STATUSES: readonly TaskStatus[] = ['TODO', 'DONE', 'NOT_NECESSARY'];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { TODO: 'To do', DONE: 'Done', NOT_NECESSARY: 'Not necessary' };
export const TASK_STATUS_TONES: Record<TaskStatus, ChipTone> = { TODO: 'info', DONE: 'success', NOT_NECESSARY: 'neutral' };

/** The api's limits (CreateCaseDto, PatchCaseDto). */
export const CASE_NAME_MAX = 512;
export const CASE_DESCRIPTION_MAX = 100_000;

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export const CASE_EVENT_ICONS: Record<CaseEventKind, string> = {
  CREATED: 'create_new_folder',
  TEMPLATE_APPLIED: 'content_paste',
  STATUS: 'flag',
  ASSIGNEE: 'person',
  NAME: 'title',
  DESCRIPTION: 'notes',
  ESCALATED: 'priority_high',
  LINKED: 'link',
  UNLINKED: 'link_off',
  ALERTS_CLOSED: 'done_all',
  COMMENT: 'chat_bubble_outline',
  TASK_ADDED: 'add_task',
  TASK_UPDATED: 'edit_note',
  TASK_STATUS: 'task_alt',
  TASK_REMOVED: 'playlist_remove',
  FILE_ADDED: 'attach_file',
  FILE_REMOVED: 'delete_outline',
};

/** What a timeline line may name beyond the event itself; events store ids, the case detail has the rest. */
export interface CaseTimelineContext {
  /** Name of a user id (assignee changes are recorded as ids). */
  userName(id: number): string;
  /** Title of a task still on the case. */
  taskTitle(id: number): string | null;
  /** Body of a comment on the case. */
  commentBody(id: number): string | null;
  /** Title of an alert linked to the case. */
  alertTitle(id: number): string | null;
}

function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

function statusText(value: string | null): string {
  return value !== null && isCaseStatus(value) ? CASE_STATUS_LABELS[value] : (value ?? 'none');
}

function taskStatusText(value: string | null): string {
  return value !== null && value in TASK_STATUS_LABELS ? TASK_STATUS_LABELS[value as TaskStatus] : (value ?? 'none');
}

function assigneeText(fromValue: string | null, toValue: string | null, ctx: CaseTimelineContext): string {
  const name = (value: string) => ctx.userName(Number(value));
  if (toValue === null) {
    return fromValue === null ? 'unassigned the case' : `unassigned ${name(fromValue)}`;
  }
  return fromValue === null ? `assigned ${name(toValue)}` : `reassigned from ${name(fromValue)} to ${name(toValue)}`;
}

function taskName(refId: number | null, ctx: CaseTimelineContext): string {
  const title = refId === null ? null : ctx.taskTitle(refId);
  return title ? quote(title) : `#${refId ?? '?'}`;
}

function alertName(refId: number | null, ctx: CaseTimelineContext): string {
  const title = refId === null ? null : ctx.alertTitle(refId);
  return `alert #${refId ?? '?'}${title ? ` ${quote(title, 80)}` : ''}`;
}

/** One timeline line after the actor's name, e.g. "changed status from Open to In progress". */
export function describeCaseEvent(event: CaseEventDto, ctx: CaseTimelineContext): string {
  const { fromValue, toValue, refId } = event;
  switch (event.kind) {
    case 'CREATED':
      return 'created the case';
    case 'TEMPLATE_APPLIED':
      return `applied the template ${quote(toValue ?? `#${refId ?? '?'}`)}`;
    case 'STATUS':
      return `changed status from ${statusText(fromValue)} to ${statusText(toValue)}`;
    case 'ASSIGNEE':
      return assigneeText(fromValue, toValue, ctx);
    case 'NAME':
      return `renamed the case to ${quote(toValue ?? '')}`;
    case 'DESCRIPTION':
      return 'edited the description';
    case 'ESCALATED':
      return toValue === 'true' ? 'escalated the case' : 'withdrew the escalation';
    case 'LINKED':
      return `linked ${alertName(refId, ctx)}`;
    case 'UNLINKED':
      return `unlinked ${alertName(refId, ctx)}`;
    case 'ALERTS_CLOSED':
      return toValue === '1' ? 'closed 1 linked alert' : `closed ${toValue ?? 'the'} linked alerts`;
    case 'COMMENT': {
      const body = refId === null ? null : ctx.commentBody(refId);
      return body ? `commented: ${quote(body)}` : 'commented';
    }
    case 'TASK_ADDED':
      return `added the task ${quote(toValue ?? '')}`;
    case 'TASK_UPDATED':
      return `edited the task ${taskName(refId, ctx)}${toValue ? ` (${toValue.split(',').join(', ')})` : ''}`;
    case 'TASK_STATUS':
      return `set the task ${taskName(refId, ctx)} from ${taskStatusText(fromValue)} to ${taskStatusText(toValue)}`;
    case 'TASK_REMOVED':
      return `removed the task ${quote(fromValue ?? '')}`;
    case 'FILE_ADDED':
      return `uploaded ${quote(toValue ?? '')}`;
    case 'FILE_REMOVED':
      return `deleted the file ${quote(fromValue ?? '')}`;
    default:
      // A kind newer than this build of the app: still show that something happened.
      return `changed the case (${String(event.kind).toLowerCase()})`;
  }
}
