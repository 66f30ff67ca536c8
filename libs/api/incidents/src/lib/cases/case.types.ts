/** Value sets of the case model, shared by entities, DTOs and the services. */
export const CASE_STATUSES = ['OPEN', 'IN_PROGRESS', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TASK_STATUSES = ['TODO', 'DONE', 'NOT_NECESSARY'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The case timeline. `refId` on an event names the alert, task, comment or template it is about;
 * from/to carry the values that changed.
 */
export const CASE_EVENT_KINDS = [
  'CREATED', 'TEMPLATE_APPLIED', 'STATUS', 'ASSIGNEE', 'NAME', 'DESCRIPTION', 'ESCALATED', 'LINKED', 'UNLINKED', 'ALERTS_CLOSED', 'COMMENT',
  'TASK_ADDED', 'TASK_UPDATED', 'TASK_STATUS', 'TASK_REMOVED', 'FILE_ADDED', 'FILE_REMOVED',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const CASE_NAME_MAX = 512;
export const CASE_DESCRIPTION_MAX = 100_000;
export const TASK_TITLE_MAX = 256;
export const TASK_DESCRIPTION_MAX = 10_000;
/** Alerts linked in one request: the same ceiling as a bulk action. */
export const MAX_LINK_IDS = 500;
