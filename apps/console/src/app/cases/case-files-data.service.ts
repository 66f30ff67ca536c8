import { HttpClient, HttpEventType, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiConfiguration,
  CaseFilesService,
  CaseFilesUpload$Params,
  CaseReportsService,
  RequestBuilder,
  caseFilesUpload,
  caseReportTemplatesUpload,
} from '@copilot/client';
import { ApiResult, settle } from '@copilot/ui';
import { Observable, filter, map } from 'rxjs';

export type CaseFile = ApiResult<CaseFilesService, 'caseFilesList'>['items'][number];
export type CaseFilePage = ApiResult<CaseFilesService, 'caseFilesList'>;
export type ReportTemplate = ApiResult<CaseReportsService, 'caseReportTemplatesList'>['items'][number];

/** Progress of an upload (0–1, or null while the size is unknown), then the stored file. */
export type UploadEvent<T> = { kind: 'progress'; fraction: number | null } | { kind: 'done'; result: T };

/**
 * Evidence files and reports of a case, through the generated client. Uploads with progress build their request
 * with the generated operation's RequestBuilder and path (the generated functions keep only the final response).
 */
@Injectable({ providedIn: 'root' })
export class CaseFilesData {
  private readonly files = inject(CaseFilesService);
  private readonly reports = inject(CaseReportsService);
  private readonly http = inject(HttpClient);
  private readonly config = inject(ApiConfiguration);

  list(caseId: number, cursor: string | null, limit: number): Promise<CaseFilePage> {
    return settle(this.files.caseFilesList({ id: caseId, cursor: cursor ?? undefined, limit }));
  }

  upload(caseId: number, file: File): Observable<UploadEvent<CaseFile>> {
    const body: CaseFilesUpload$Params['body'] = { file };
    const rb = new RequestBuilder(this.config.rootUrl, caseFilesUpload.PATH, 'post');
    rb.path('id', caseId, {});
    rb.body(body, 'multipart/form-data');
    return this.withProgress<CaseFile>(rb);
  }

  /** The response, so the file keeps the name the server gives it. */
  download(caseId: number, fileId: string): Promise<HttpResponse<Blob>> {
    return settle(this.files.caseFilesDownload$Response({ id: caseId, fileId }));
  }

  remove(caseId: number, fileId: string): Promise<void> {
    return settle(this.files.caseFilesDelete({ id: caseId, fileId })).then(() => undefined);
  }

  async reportTemplates(): Promise<ReportTemplate[]> {
    return (await settle(this.reports.caseReportTemplatesList())).items;
  }

  uploadReportTemplate(file: File): Observable<UploadEvent<ReportTemplate>> {
    const rb = new RequestBuilder(this.config.rootUrl, caseReportTemplatesUpload.PATH, 'post');
    rb.body({ file }, 'multipart/form-data');
    return this.withProgress<ReportTemplate>(rb);
  }

  renderDocx(caseId: number, template: string): Promise<HttpResponse<Blob>> {
    return settle(this.reports.caseReportsDocx$Response({ id: caseId, body: { template } }));
  }

  renderPdf(caseId: number): Promise<HttpResponse<Blob>> {
    return settle(this.reports.caseReportsPdf$Response({ id: caseId }));
  }

  private withProgress<T>(rb: RequestBuilder): Observable<UploadEvent<T>> {
    return this.http.request<T>(rb.build({ responseType: 'json', accept: 'application/json', reportProgress: true })).pipe(
      filter((event) => event.type === HttpEventType.UploadProgress || event.type === HttpEventType.Response),
      map((event): UploadEvent<T> => {
        if (event.type === HttpEventType.UploadProgress) {
          return { kind: 'progress', fraction: event.total ? event.loaded / event.total : null };
        }
        return { kind: 'done', result: (event as HttpResponse<T>).body as T };
      }),
    );
  }
}
