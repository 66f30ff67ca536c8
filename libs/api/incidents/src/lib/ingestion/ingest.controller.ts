import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CurrentPrincipal, Principal, SchedulerService, ServiceUnavailableError, Scopes } from '@copilot/api-core';
import { AlertsService } from '../alerts/alerts.service';
import { AlertDto } from '../alerts/dto/alert.dto';
import { COLLECT_JOB } from './collect.job';
import { ManualAlertDto } from './dto/source-input.dto';
import { IngestRunDto } from './dto/source.dto';
import { ManualIngestService } from './manual-ingest.service';

/** The original's fixed automation paths, kept so existing scripts keep working. */
@ApiTags('Alerts')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/alerts/create')
export class IngestController {
  constructor(
    private readonly manual: ManualIngestService,
    private readonly alerts: AlertsService,
    private readonly scheduler: SchedulerService,
  ) {}

  @Post('manual')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'alertsCreateManual', summary: 'Build an alert from one Wazuh-indexer document (same mapping, attribution and dedup as ingestion)' })
  @ApiCreatedResponse({ type: AlertDto, description: 'A new alert' })
  @ApiOkResponse({ type: AlertDto, description: 'The document was already an alert, or repeats one (its occurrences grew)' })
  @ApiProblems(400, 404, 503)
  async createManual(@Body() dto: ManualAlertDto, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AlertDto> {
    const { alertId, created } = await this.manual.create(dto.indexName, dto.alertId, p);
    if (!created) reply.status(200);
    return this.alerts.summary(alertId, p.scope);
  }

  @Post('auto')
  @HttpCode(202)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'alertsCreateAuto', summary: 'Start one ingestion pass over every enabled source now (the invoke_alert_creation_collect job)' })
  @ApiAcceptedResponse({ type: IngestRunDto })
  @ApiProblems(503)
  async createAuto(@CurrentPrincipal() p: Principal): Promise<IngestRunDto> {
    const run = await this.scheduler.trigger(COLLECT_JOB, 'manual', p);
    if (!run) throw new ServiceUnavailableError('scheduler', 'another replica is running the ingestion job; try again shortly');
    return { runId: run.id, status: run.status };
  }
}
