import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@copilot/api-core';
import { CaseReportLoader } from './case-report-data';
import { compileDocx, renderDocx } from './docx-report';
import { PdfRenderer } from './pdf-renderer';
import { caseReportHtml } from './report-html';
import { ReportTemplatesService } from './report-templates.service';

/** One case rendered as a document; the case's tenancy check comes first, so another customer's case is a 404 before any work. */
@Injectable()
export class CaseReportsService {
  constructor(
    private readonly loader: CaseReportLoader,
    private readonly templates: ReportTemplatesService,
    private readonly pdf: PdfRenderer,
  ) {}

  async docx(caseId: number, templateName: string, scope: TenantScope): Promise<Buffer> {
    const data = await this.loader.load(caseId, scope);
    const template = await this.templates.read(templateName, 'template');
    return renderDocx(compileDocx(template.bytes, 'template', template.name), data, 'template', template.name);
  }

  async pdfReport(caseId: number, scope: TenantScope): Promise<Buffer> {
    return this.pdf.render(caseReportHtml(await this.loader.load(caseId, scope)));
  }
}
