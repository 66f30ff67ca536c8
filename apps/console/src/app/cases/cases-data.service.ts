import { Injectable, inject } from '@angular/core';
import { AlertsService, CasesService, UsersService } from '@copilot/client';
import { ApiParams, ApiResult, settle } from '@copilot/ui';
import { CaseFilter } from './case-filter';

export type Case = ApiResult<CasesService, 'casesGet'>;
export type CaseSummary = ApiResult<CasesService, 'casesList'>['items'][number];
export type CasePage = ApiResult<CasesService, 'casesList'>;
export type CaseCounts = ApiResult<CasesService, 'casesCounts'>;
export type CasePatch = ApiParams<CasesService, 'casesUpdate'>['body'];
export type CaseCreate = ApiParams<CasesService, 'casesCreate'>['body'];
export type CaseTask = Case['tasks'][number];
export type CaseTaskPatch = ApiParams<CasesService, 'casesUpdateTask'>['body'];
export type CaseTaskCreate = ApiParams<CasesService, 'casesAddTask'>['body'];
export type CaseComment = Case['comments'][number];
export type CaseEvent = Case['timeline'][number];
export type LinkedAlert = Case['alerts'][number];
export type AlertCandidate = ApiResult<AlertsService, 'alertsList'>['items'][number];
export type AssignableUser = ApiResult<UsersService, 'usersAssignable'>[number];

/** Case calls of the console (the case, its links, tasks and comments), through the generated client. */
@Injectable({ providedIn: 'root' })
export class CasesData {
  private readonly api = inject(CasesService);
  private readonly alerts = inject(AlertsService);
  private readonly users = inject(UsersService);

  /** One page, newest first, with the number of matching cases. */
  list(filter: CaseFilter, cursor: string | null, limit: number): Promise<CasePage> {
    return settle(
      this.api.casesList({
        status: filter.status.length > 0 ? [...filter.status] : undefined,
        assigneeId: filter.assignee ?? undefined,
        customerCode: filter.customerCode ?? undefined,
        name: filter.text || undefined,
        limit,
        cursor: cursor ?? undefined,
        withTotal: true,
      }),
    );
  }

  /** Per-status counts under the same filters (status aside), for the status chips. */
  counts(filter: CaseFilter): Promise<CaseCounts> {
    return settle(
      this.api.casesCounts({
        assigneeId: filter.assignee ?? undefined,
        customerCode: filter.customerCode ?? undefined,
        name: filter.text || undefined,
      }),
    );
  }

  get(id: number): Promise<Case> {
    return settle(this.api.casesGet({ id }));
  }

  create(body: CaseCreate): Promise<Case> {
    return settle(this.api.casesCreate({ body }));
  }

  /** Sends the version the user saw as If-Match; the api answers 412 when someone changed the case in between. */
  patch(id: number, version: number, body: CasePatch): Promise<Case> {
    return settle(this.api.casesUpdate({ id, 'if-match': `"${version}"`, body }));
  }

  remove(id: number): Promise<void> {
    return settle(this.api.casesDelete({ id })).then(() => undefined);
  }

  link(id: number, alertIds: number[]): Promise<Case> {
    return settle(this.api.casesLinkAlerts({ id, body: { alertIds } }));
  }

  unlink(id: number, alertId: number): Promise<void> {
    return settle(this.api.casesUnlinkAlert({ id, alertId })).then(() => undefined);
  }

  comment(id: number, body: string): Promise<CaseComment> {
    return settle(this.api.casesComment({ id, body: { body } }));
  }

  addTask(id: number, body: CaseTaskCreate): Promise<CaseTask> {
    return settle(this.api.casesAddTask({ id, body }));
  }

  updateTask(id: number, taskId: number, body: CaseTaskPatch): Promise<CaseTask> {
    return settle(this.api.casesUpdateTask({ id, taskId, body }));
  }

  removeTask(id: number, taskId: number): Promise<void> {
    return settle(this.api.casesDeleteTask({ id, taskId })).then(() => undefined);
  }

  /** Alerts of one customer whose title contains `title`, newest first: candidates to link. */
  async searchAlerts(customerCode: string, title: string, limit = 20): Promise<AlertCandidate[]> {
    const page = await settle(this.alerts.alertsList({ customerCode, title: title || undefined, limit }));
    return page.items;
  }

  /** Enabled admins and analysts: who cases can be assigned to. */
  assignable(): Promise<AssignableUser[]> {
    return settle(this.users.usersAssignable());
  }
}
