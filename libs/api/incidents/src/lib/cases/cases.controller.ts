import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, PageResponse, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CaseReader } from './case-reader';
import { CasesService } from './cases.service';
import { CaseFromAlertDto, CreateCaseDto, PatchCaseDto } from './dto/case-input.dto';
import { CaseCountsDto, CaseDetailDto, CaseDto, CasePageDto } from './dto/case.dto';
import { CaseFiltersQuery, ListCasesQuery } from './dto/list-cases.query';

@ApiTags('Cases')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly reader: CaseReader,
  ) {}

  @Post()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesCreate', summary: 'Create a case; the best-matching case template\'s tasks are copied in (customer users: no assignee or escalation)' })
  @ApiCreatedResponse({ type: CaseDetailDto, description: 'Created; `template` says which template was applied' })
  @ApiProblems(400)
  create(@Body() dto: CreateCaseDto, @CurrentPrincipal() p: Principal): Promise<CaseDetailDto> {
    return this.cases.create(dto, p);
  }

  @Get()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesList', summary: 'List cases within the caller\'s customers, newest first' })
  @ApiOkResponse({ type: CasePageDto })
  @PageResponse(CaseDto)
  @ApiProblems(400)
  list(@Query() query: ListCasesQuery, @CurrentPrincipal() p: Principal): Promise<CasePageDto> {
    return this.reader.list(query, p.scope);
  }

  @Get('counts')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesCounts', summary: 'Case counts per status under the list\'s filters' })
  @ApiOkResponse({ type: CaseCountsDto })
  @ApiProblems(400)
  counts(@Query() query: CaseFiltersQuery, @CurrentPrincipal() p: Principal): Promise<CaseCountsDto> {
    return this.reader.counts(query, p.scope);
  }

  @Post('from-alert')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesCreateFromAlert', summary: 'Create a case from an alert (its title, description, status, assignee and customer), linked to it' })
  @ApiCreatedResponse({ type: CaseDetailDto, description: 'Created; `template` says which template was applied' })
  @ApiProblems(400)
  fromAlert(@Body() dto: CaseFromAlertDto, @CurrentPrincipal() p: Principal): Promise<CaseDetailDto> {
    return this.cases.fromAlert(dto, p);
  }

  @Get(':id')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesGet', summary: 'Get a case with its linked alerts, tasks, comments and timeline' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<CaseDetailDto> {
    return this.reader.detail(id, p.scope);
  }

  @Patch(':id')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'casesUpdate', summary: 'Update a case: name, description, status (optionally closing its alerts), assignee, escalation (customer users: name, description, status)' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiProblems(400, 404, 412)
  @ApiIfMatch()
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PatchCaseDto,
    @CurrentPrincipal() p: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseDetailDto> {
    return this.cases.patch(id, dto, p, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'casesDelete', summary: 'Delete a case with its links, tasks, comments and timeline (the alerts stay)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.cases.delete(id, p);
  }
}
