/**
 * What only the console needs about cases; the shared value sets, labels and timeline wording are in
 * @copilot/ui (case-model), used by the portal too.
 */
import { TASK_STATUSES, TaskStatus } from '@copilot/ui';

/** The api's limit on a task title (CreateCaseTaskDto, template tasks). */
export const TASK_TITLE_MAX = 256;
/** Same rule as the api for a case's (and alert's, template's) source. */
export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** What a task may be set to: a mandatory task has to be done, so "Not necessary" is not offered for it. */
export function taskStatusesFor(task: { mandatory: boolean }): readonly TaskStatus[] {
  return task.mandatory ? TASK_STATUSES.filter((s) => s !== 'NOT_NECESSARY') : TASK_STATUSES;
}
