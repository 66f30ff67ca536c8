import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, PageResponse, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { AlertsService } from './alerts.service';
import { CreateAlertCommentDto, CreateAlertDto, PatchAlertDto } from './dto/alert-input.dto';
import { AlertCommentDto, AlertCountsDto, AlertDetailDto, AlertDto, AlertPageDto, IndexerDocumentDto } from './dto/alert.dto';
import { AlertFiltersQuery, ListAlertsQuery, OccurrenceDocumentQuery } from './dto/list-alerts.query';

@ApiTags('Alerts')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'alertsCreate', summary: 'Create an alert (for tools that push); a repeated externalId answers the existing alert' })
  @ApiCreatedResponse({ type: AlertDto, description: 'Created' })
  @ApiOkResponse({ type: AlertDto, description: 'An alert with this (source, customerCode, externalId) already existed' })
  @ApiProblems(400)
  async create(@Body() dto: CreateAlertDto, @CurrentPrincipal() p: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AlertDto> {
    const { alert, created } = await this.alerts.create(dto, p);
    if (!created) reply.status(200);
    return alert;
  }

  @Get()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsList', summary: 'List alerts within the caller\'s customers, newest event first' })
  @ApiOkResponse({ type: AlertPageDto })
  @PageResponse(AlertDto)
  @ApiProblems(400)
  list(@Query() query: ListAlertsQuery, @CurrentPrincipal() p: Principal): Promise<AlertPageDto> {
    return this.alerts.list(query, p.scope);
  }

  @Get('counts')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsCounts', summary: 'Alert counts per status under the list\'s filters' })
  @ApiOkResponse({ type: AlertCountsDto })
  @ApiProblems(400)
  counts(@Query() query: AlertFiltersQuery, @CurrentPrincipal() p: Principal): Promise<AlertCountsDto> {
    return this.alerts.counts(query, p.scope);
  }

  @Get(':id')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsGet', summary: 'Get an alert with its tags, comments and timeline' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<AlertDetailDto> {
    return this.alerts.detail(id, p.scope);
  }

  @Get(':id/documents')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsOccurrenceDocument', summary: 'Fetch one of the alert\'s own documents (an occurrence ref) from the indexer' })
  @ApiOkResponse({ type: IndexerDocumentDto })
  @ApiProblems(400, 404, 503)
  document(@Param('id', ParseIdPipe) id: number, @Query() q: OccurrenceDocumentQuery, @CurrentPrincipal() p: Principal): Promise<IndexerDocumentDto> {
    return this.alerts.document(id, q.indexName, q.docId, p.scope);
  }

  @Patch(':id')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsUpdate', summary: 'Triage an alert: status, assignee, severity, verdict, tags, escalation (customer users: status only)' })
  @ApiOkResponse({ type: AlertDto })
  @ApiProblems(400, 404, 412)
  @ApiIfMatch()
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PatchAlertDto,
    @CurrentPrincipal() p: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AlertDto> {
    return this.alerts.patch(id, dto, p, parseIfMatch(ifMatch));
  }

  @Post(':id/comments')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'alertsComment', summary: 'Comment on an alert (author and time from the token and the server clock)' })
  @ApiCreatedResponse({ type: AlertCommentDto })
  @ApiProblems(400, 404)
  comment(@Param('id', ParseIdPipe) id: number, @Body() dto: CreateAlertCommentDto, @CurrentPrincipal() p: Principal): Promise<AlertCommentDto> {
    return this.alerts.comment(id, dto.body, p);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'alertsDelete', summary: 'Delete an alert with its tags, comments and timeline' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.alerts.delete(id, p.scope);
  }
}
