import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CurrentPrincipal, Principal, Scopes } from '@copilot/api-core';
import { AlertsBulkService } from './alerts-bulk.service';
import { AlertsExportService } from './alerts-export.service';
import { BulkAlertsDto, BulkResultDto } from './dto/bulk.dto';
import { ExportAlertsQuery } from './dto/export.query';

@ApiTags('Alerts')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/alerts')
export class AlertsBulkController {
  constructor(
    private readonly bulk: AlertsBulkService,
    private readonly exporter: AlertsExportService,
  ) {}

  @Post('bulk')
  @HttpCode(200)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'alertsBulk', summary: 'One action over up to 500 alerts: status, assign, tag, untag, delete, or merge into a case; results per alert' })
  @ApiOkResponse({ type: BulkResultDto })
  @ApiProblems(400, 404, 409)
  run(@Body() dto: BulkAlertsDto, @CurrentPrincipal() p: Principal): Promise<BulkResultDto> {
    return this.bulk.run(dto, p);
  }

  @Get('export')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsExport', summary: 'Export the alerts the list would show (same filters) as CSV, newest event first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'RFC 4180 CSV attachment; cells that would start a spreadsheet formula are prefixed with a single quote',
    schema: { type: 'string' },
    headers: {
      'X-Export-Row-Limit': { description: 'The most rows one export carries', schema: { type: 'integer' } },
      'X-Export-Truncated': { description: '`true` when more alerts matched than the limit: narrow the filters', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400)
  async export(@Query() query: ExportAlertsQuery, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const out = await this.exporter.export(query, p.scope);
    reply.header('X-Export-Row-Limit', String(out.maxRows));
    if (out.truncated) reply.header('X-Export-Truncated', 'true');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(out.stream, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="alerts-${stamp}.csv"` });
  }
}
