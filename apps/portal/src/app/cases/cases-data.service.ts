import { HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AlertsService, CaseFilesService, CasesService } from '@copilot/client';
import { ApiResult, CaseStatus, settle } from '@copilot/ui';

export type Case = ApiResult<CasesService, 'casesGet'>;
export type CaseSummary = ApiResult<CasesService, 'casesList'>['items'][number];
export type CasePage = ApiResult<CasesService, 'casesList'>;
export type CaseCounts = ApiResult<CasesService, 'casesCounts'>;
export type CaseFile = ApiResult<CaseFilesService, 'caseFilesList'>['items'][number];
export type CaseFilePage = ApiResult<CaseFilesService, 'caseFilesList'>;
export type AlertChoice = ApiResult<AlertsService, 'alertsList'>['items'][number];
export type AlertChoicePage = ApiResult<AlertsService, 'alertsList'>;

/** The portal's case filters, all in the URL: status chips, one of the user's customers, name text. */
export interface PortalCaseFilter {
  status: readonly CaseStatus[];
  customerCode: string | null;
  name: string;
}

/** What a customer user may change on a case; assignee and escalation are the SOC's (the api answers 403). */
export interface CaseEdit {
  name?: string;
  description?: string | null;
  status?: CaseStatus;
}

export interface NewCase {
  customerCode: string;
  name: string;
  description: string | null;
}

/**
 * Case calls of the portal, through the generated client. A customer user reads, creates, comments on and edits
 * the cases of their own customers, links their alerts and exchanges files; deleting, assigning, escalating,
 * tasks, reports and unlinking are refused to this role, so nothing here offers them.
 */
@Injectable({ providedIn: 'root' })
export class PortalCasesData {
  private readonly cases = inject(CasesService);
  private readonly files = inject(CaseFilesService);
  private readonly alerts = inject(AlertsService);

  /** Per-status counts under the same filters (status aside), for the status chips. */
  counts(filter: PortalCaseFilter): Promise<CaseCounts> {
    return settle(this.cases.casesCounts({ customerCode: filter.customerCode ?? undefined, name: filter.name || undefined }));
  }

  /** The first page also asks for the total. */
  list(filter: PortalCaseFilter, cursor: string | null, limit: number): Promise<CasePage> {
    return settle(
      this.cases.casesList({
        status: filter.status.length > 0 ? [...filter.status] : undefined,
        customerCode: filter.customerCode ?? undefined,
        name: filter.name || undefined,
        limit,
        cursor: cursor ?? undefined,
        withTotal: cursor === null,
      }),
    );
  }

  create(input: NewCase): Promise<Case> {
    return settle(this.cases.casesCreate({ body: input }));
  }

  get(id: number): Promise<Case> {
    return settle(this.cases.casesGet({ id }));
  }

  /** Sends the version the user saw as If-Match: the api answers 412 when someone changed the case in between. */
  update(id: number, version: number, edit: CaseEdit): Promise<Case> {
    return settle(this.cases.casesUpdate({ id, 'if-match': `"${version}"`, body: edit }));
  }

  link(id: number, alertIds: readonly number[]): Promise<Case> {
    return settle(this.cases.casesLinkAlerts({ id, body: { alertIds: [...alertIds] } }));
  }

  comment(id: number, body: string): Promise<void> {
    return settle(this.cases.casesComment({ id, body: { body } })).then(() => undefined);
  }

  /** Alerts of one customer (a case links only its own customer's alerts), newest activity first. */
  alertChoices(customerCode: string, title: string, cursor: string | null, limit: number): Promise<AlertChoicePage> {
    return settle(
      this.alerts.alertsList({ customerCode, title: title || undefined, cursor: cursor ?? undefined, limit }),
    );
  }

  fileList(caseId: number, cursor: string | null, limit: number): Promise<CaseFilePage> {
    return settle(this.files.caseFilesList({ id: caseId, cursor: cursor ?? undefined, limit }));
  }

  /**
   * The generated operation sends `multipart/form-data` itself: its RequestBuilder puts each body property in a
   * FormData part, and a File keeps its name as the part's filename, which the api stores as the file name.
   */
  upload(caseId: number, file: File): Promise<CaseFile> {
    return settle(this.files.caseFilesUpload({ id: caseId, body: { file } }));
  }

  /** The whole response, so the saved file takes the name the server sends in Content-Disposition. */
  download(caseId: number, fileId: string): Promise<HttpResponse<Blob>> {
    return settle(this.files.caseFilesDownload$Response({ id: caseId, fileId }));
  }
}
