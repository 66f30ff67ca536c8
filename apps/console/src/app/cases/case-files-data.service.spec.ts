import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CaseFilesData, UploadEvent } from './case-files-data.service';

describe('CaseFilesData uploads', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends the file as the multipart part "file" of the generated operation and reports progress', () => {
    const events: UploadEvent<unknown>[] = [];
    const picked = new File(['hello'], 'notes.txt', { type: 'text/plain' });

    TestBed.inject(CaseFilesData)
      .upload(7, picked)
      .subscribe((e) => events.push(e));

    const request = http.expectOne('/api/incidents/cases/7/files');
    expect(request.request.method).toBe('POST');
    expect(request.request.reportProgress).toBe(true);
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('notes.txt');
    request.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 10 });
    request.flush({ id: 'f1', name: 'notes.txt' }, { status: 201, statusText: 'Created' });

    expect(events).toEqual([
      { kind: 'progress', fraction: 0.5 },
      { kind: 'done', result: { id: 'f1', name: 'notes.txt' } },
    ]);
  });

  it('uploads a report template to its own operation', () => {
    TestBed.inject(CaseFilesData)
      .uploadReportTemplate(new File(['x'], 'incident.docx'))
      .subscribe();

    const request = http.expectOne('/api/incidents/case-report-templates');
    expect(((request.request.body as FormData).get('file') as File).name).toBe('incident.docx');
    request.flush({ name: 'incident.docx', size: 1, updatedAt: '2026-03-10T09:00:00Z' });
  });
});
