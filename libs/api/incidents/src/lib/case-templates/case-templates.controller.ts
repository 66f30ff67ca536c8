import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatch, ApiProblems, CurrentPrincipal, parseIfMatch, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CaseTemplatesService } from './case-templates.service';
import { CaseTemplateDto, CaseTemplatePageDto, ListCaseTemplatesQuery, SaveCaseTemplateDto } from './dto/case-template.dto';

@ApiTags('Case templates')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/case-templates')
export class CaseTemplatesController {
  constructor(private readonly templates: CaseTemplatesService) {}

  @Get()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseTemplatesList', summary: 'List case templates (global ones and those of the caller\'s customers), by name' })
  @ApiOkResponse({ type: CaseTemplatePageDto })
  @ApiProblems(400)
  list(@Query() query: ListCaseTemplatesQuery, @CurrentPrincipal() p: Principal): Promise<CaseTemplatePageDto> {
    return this.templates.list(query, p.scope);
  }

  @Post()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseTemplatesCreate', summary: 'Create a case template; at most one per (customer, source), either optional' })
  @ApiCreatedResponse({ type: CaseTemplateDto })
  @ApiProblems(400, 409)
  create(@Body() dto: SaveCaseTemplateDto, @CurrentPrincipal() p: Principal): Promise<CaseTemplateDto> {
    return this.templates.create(dto, p);
  }

  @Get(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseTemplatesGet', summary: 'Get a case template with its tasks' })
  @ApiOkResponse({ type: CaseTemplateDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<CaseTemplateDto> {
    return this.templates.get(id, p.scope);
  }

  @Put(':id')
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseTemplatesReplace', summary: 'Replace a case template and its tasks (existing cases keep the tasks they copied)' })
  @ApiOkResponse({ type: CaseTemplateDto })
  @ApiProblems(400, 404, 409, 412)
  @ApiIfMatch()
  replace(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: SaveCaseTemplateDto,
    @CurrentPrincipal() p: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CaseTemplateDto> {
    return this.templates.replace(id, dto, p, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseTemplatesDelete', summary: 'Delete a case template (cases made from it keep their tasks)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('id', ParseIdPipe) id: number, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.templates.delete(id, p);
  }
}
