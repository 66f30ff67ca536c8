import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CurrentPrincipal, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CaseReportsService } from './case-reports.service';
import { CasesCsvService } from './cases-csv.service';
import { DOCX_CONTENT_TYPE } from './docx-report';
import { CasesCsvQuery, RenderDocxDto } from './dto/case-report.dto';

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

@ApiTags('Case reports')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/cases')
export class CaseReportsController {
  constructor(
    private readonly reports: CaseReportsService,
    private readonly csv: CasesCsvService,
  ) {}

  @Get('report.csv')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseReportsCsv', summary: 'CSV of the cases created in a range of months (UTC) for some or all of your customers, oldest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV attachment; cells that would start a spreadsheet formula are prefixed with a single quote', schema: { type: 'string' } })
  @ApiProblems(400)
  async casesCsv(@Query() query: CasesCsvQuery, @CurrentPrincipal() p: Principal): Promise<StreamableFile> {
    const out = await this.csv.export(query, p.scope);
    return new StreamableFile(out.stream, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${out.filename}"` });
  }

  @Post(':id/report/docx')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseReportsDocx', summary: 'Render a case into an uploaded DOCX template (plain {name} tags and {#list}…{/list} loops; no expressions)' })
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The rendered DOCX, as an attachment', content: { [DOCX_CONTENT_TYPE]: BINARY } })
  @ApiProblems(400, 404, 503)
  async docx(@Param('id', ParseIdPipe) id: number, @Body() dto: RenderDocxDto, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const bytes = await this.reports.docx(id, dto.template, p.scope);
    reply.header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(bytes, { type: DOCX_CONTENT_TYPE, disposition: `attachment; filename="case-${id}-report.docx"`, length: bytes.length });
  }

  @Post(':id/report/pdf')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseReportsPdf', summary: 'Render a case as a PDF report (headless Chromium, offline, JavaScript off)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF, as an attachment', content: { 'application/pdf': BINARY } })
  @ApiProblems(400, 404, 503)
  async pdf(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const bytes = await this.reports.pdfReport(id, p.scope);
    reply.header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `attachment; filename="case-${id}-report.pdf"`, length: bytes.length });
  }
}
