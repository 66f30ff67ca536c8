import { HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Notifier } from '@copilot/ui';
import { of } from 'rxjs';
import { CaseFilesData } from './case-files-data.service';
import { CaseReportsComponent } from './case-reports.component';

describe('CaseReportsComponent', () => {
  let data: { reportTemplates: jest.Mock; renderDocx: jest.Mock; renderPdf: jest.Mock; uploadReportTemplate: jest.Mock };
  let click: jest.SpyInstance;

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: CaseFilesData, useValue: data },
        { provide: Notifier, useValue: { success: jest.fn(), warn: jest.fn(), error: jest.fn() } },
      ],
    });
    const fixture = TestBed.createComponent(CaseReportsComponent);
    fixture.componentRef.setInput('caseId', 7);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await fixture.whenStable();
    }
    fixture.detectChanges();
  }

  function button(element: HTMLElement, label: string): HTMLButtonElement {
    const found = [...element.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes(label));
    if (!found) {
      throw new Error(`${label} missing`);
    }
    return found;
  }

  function pdf(name: string): HttpResponse<Blob> {
    return new HttpResponse({ body: new Blob(['%PDF']), headers: new HttpHeaders({ 'Content-Disposition': `attachment; filename="${name}"` }) });
  }

  beforeEach(() => {
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:1'), revokeObjectURL: jest.fn() });
    click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    data = {
      reportTemplates: jest.fn().mockResolvedValue([{ name: 'incident.docx', size: 10, updatedAt: '2026-03-10T09:00:00Z' }]),
      renderDocx: jest.fn().mockResolvedValue(pdf('case-7-report.docx')),
      renderPdf: jest.fn().mockResolvedValue(pdf('case-7-report.pdf')),
      uploadReportTemplate: jest.fn(),
    };
  });

  afterEach(() => click.mockRestore());

  it('renders a DOCX with the chosen template and a PDF, each as a download', async () => {
    const { fixture, element } = await render();

    button(element, 'Render DOCX').click();
    await settle(fixture);
    button(element, 'Render PDF').click();
    await settle(fixture);

    expect(data.renderDocx).toHaveBeenCalledWith(7, 'incident.docx');
    expect(data.renderPdf).toHaveBeenCalledWith(7);
    expect(click.mock.contexts.map((a) => (a as HTMLAnchorElement).download)).toEqual(['case-7-report.docx', 'case-7-report.pdf']);
  });

  it('offers no DOCX without a template, and shows why a render failed', async () => {
    data.reportTemplates.mockResolvedValue([]);
    data.renderPdf.mockRejectedValue(
      new HttpErrorResponse({
        status: 503,
        error: new Blob([JSON.stringify({ status: 503, detail: 'PDF rendering is unavailable: no Chromium' })], { type: 'application/problem+json' }),
      }),
    );
    const { fixture, element } = await render();

    expect(button(element, 'Render DOCX').disabled).toBe(true);
    expect(element.textContent).toContain('No templates yet');
    button(element, 'Render PDF').click();
    // The problem arrives as a Blob, read by a FileReader (a macrotask).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settle(fixture);

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('PDF rendering is unavailable: no Chromium');
  });

  it('uploads a template and selects it', async () => {
    data.reportTemplates
      .mockResolvedValueOnce([])
      .mockResolvedValueOnce([{ name: 'mine.docx', size: 10, updatedAt: '2026-03-10T09:00:00Z' }]);
    data.uploadReportTemplate.mockReturnValue(of({ kind: 'done', result: { name: 'mine.docx', size: 10, updatedAt: '2026-03-10T09:00:00Z' } }));
    const { fixture, element } = await render();

    const input = element.querySelector<HTMLInputElement>('[data-testid="case-report-template-input"]');
    if (!input) {
      throw new Error('template input missing');
    }
    Object.defineProperty(input, 'files', { value: { item: () => new File(['x'], 'mine.docx') }, configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle(fixture);
    button(element, 'Render DOCX').click();
    await settle(fixture);

    expect(data.renderDocx).toHaveBeenCalledWith(7, 'mine.docx');
  });
});
