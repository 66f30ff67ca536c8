import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, Scopes } from '@copilot/api-core';
import { FileUploadDto } from '../case-files/dto/case-file.dto';
import { multipartSource } from '../case-files/upload-part';
import { ReportTemplateDto, ReportTemplateListDto } from './dto/case-report.dto';
import { ReportTemplatesService } from './report-templates.service';

@ApiTags('Case reports')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/case-report-templates')
export class ReportTemplatesController {
  constructor(private readonly templates: ReportTemplatesService) {}

  @Post()
  @Scopes('admin', 'analyst')
  @ApiOperation({
    operationId: 'caseReportTemplatesUpload',
    summary: 'Upload a DOCX report template (multipart, one part named "file"; its filename is the template name, letters/digits/space/._- ending in .docx, '
      + 'otherwise 400). The template is compiled first: a broken one is a 400 naming the error; an existing name is a 409',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileUploadDto })
  @ApiCreatedResponse({ type: ReportTemplateDto })
  @ApiProblems(400, 409, 413, 503)
  upload(@Req() req: FastifyRequest): Promise<ReportTemplateDto> {
    return this.templates.upload(multipartSource(req));
  }

  @Get()
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseReportTemplatesList', summary: 'List the DOCX report templates, by name' })
  @ApiOkResponse({ type: ReportTemplateListDto })
  async list(): Promise<ReportTemplateListDto> {
    return { items: await this.templates.list() };
  }

  @Delete(':name')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseReportTemplatesDelete', summary: 'Delete a DOCX report template' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('name') name: string): Promise<void> {
    await this.templates.remove(name);
  }
}
