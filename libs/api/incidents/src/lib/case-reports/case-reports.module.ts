import { Module } from '@nestjs/common';
import { CustomersModule } from '@copilot/api-customers';
import { CaseReportLoader } from './case-report-data';
import { CaseReportsController } from './case-reports.controller';
import { CaseReportsService } from './case-reports.service';
import { CasesCsvService } from './cases-csv.service';
import { PdfRenderer } from './pdf-renderer';
import { ReportTemplatesController } from './report-templates.controller';
import { ReportTemplatesService } from './report-templates.service';

/** Case reports: DOCX from uploaded templates, PDF through headless Chromium, and the monthly cases CSV (admin/analyst). */
@Module({
  imports: [CustomersModule],
  controllers: [ReportTemplatesController, CaseReportsController],
  providers: [CaseReportLoader, CaseReportsService, CasesCsvService, PdfRenderer, ReportTemplatesService],
})
export class CaseReportsModule {}
