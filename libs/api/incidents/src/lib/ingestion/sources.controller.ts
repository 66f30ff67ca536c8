import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { SourceInputDto } from './dto/source-input.dto';
import { SourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

@ApiTags('Alert sources')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'sourcesList', summary: 'Alert sources with their ingestion status (cursor, last pass, counters, unattributed samples)' })
  @ApiOkResponse({ type: [SourceDto] })
  list(): Promise<SourceDto[]> {
    return this.sources.list();
  }

  @Post()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'sourcesCreate', summary: 'Add an alert source: one index pattern on one Wazuh-indexer instance' })
  @ApiCreatedResponse({ type: SourceDto })
  @ApiProblems(400, 409)
  create(@Body() dto: SourceInputDto, @CurrentPrincipal() p: Principal): Promise<SourceDto> {
    return this.sources.create(dto, p);
  }

  @Get(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'sourcesGet', summary: 'One alert source with its ingestion status' })
  @ApiOkResponse({ type: SourceDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number): Promise<SourceDto> {
    return this.sources.get(id);
  }

  @Put(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'sourcesReplace', summary: 'Replace a source\'s configuration (status kept; startAt moves the cursor)' })
  @ApiOkResponse({ type: SourceDto })
  @ApiProblems(400, 404, 409, 412)
  @ApiIfMatch()
  replace(@Param('id', ParseIdPipe) id: number, @Body() dto: SourceInputDto, @CurrentPrincipal() p: Principal, @Headers('if-match') ifMatch?: string): Promise<SourceDto> {
    return this.sources.replace(id, dto, p, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'sourcesDelete', summary: 'Delete a source (its alerts stay)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.sources.delete(id);
  }
}
