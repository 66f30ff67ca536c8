import { Controller, Delete, Get, HttpCode, Injectable, Param, PipeTransform, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, BadInputError, CurrentPrincipal, ListQuery, ParseIdPipe, Principal, Scopes } from '@copilot/api-core';
import { CaseFilesService } from './case-files.service';
import { CaseFileDto, CaseFilePageDto, FileUploadDto } from './dto/case-file.dto';
import { attachmentDisposition } from './file-names';
import { multipartSource } from './upload-part';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** File ids are UUIDs: anything else is a 400 naming the parameter, not a lookup that cannot match. */
@Injectable()
export class ParseFileIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = String(value).toLowerCase();
    if (!UUID.test(id)) throw new BadInputError(`fileId must be a UUID, got "${String(value).slice(0, 40)}"`, [{ field: 'path.fileId', message: 'must be a UUID' }]);
    return id;
  }
}

@ApiTags('Case files')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('incidents/cases/:id/files')
export class CaseFilesController {
  constructor(private readonly files: CaseFilesService) {}

  @Post()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({
    operationId: 'caseFilesUpload',
    summary: 'Upload a file to a case (multipart/form-data, one part named "file", streamed; MAX_UPLOAD_MB limit). '
      + 'A name containing "/", "\\", control characters, or that is "." or ".." is refused with 400, not renamed; an empty file is a 400',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileUploadDto })
  @ApiCreatedResponse({ type: CaseFileDto, description: 'Stored; sha256 is of the bytes received' })
  @ApiProblems(400, 404, 413, 503)
  upload(@Param('id', ParseIdPipe) id: number, @Req() req: FastifyRequest, @CurrentPrincipal() p: Principal): Promise<CaseFileDto> {
    return this.files.upload(id, multipartSource(req), p);
  }

  @Get()
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'caseFilesList', summary: 'List a case\'s files, newest first' })
  @ApiOkResponse({ type: CaseFilePageDto })
  @ApiProblems(400, 404)
  list(@Param('id', ParseIdPipe) id: number, @Query() query: ListQuery, @CurrentPrincipal() p: Principal): Promise<CaseFilePageDto> {
    return this.files.list(id, query, p.scope);
  }

  @Get(':fileId')
  @Scopes('admin', 'analyst', 'customer_user')
  @ApiOperation({ operationId: 'caseFilesDownload', summary: 'Download a case file (streamed attachment, nosniff)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, with Content-Disposition: attachment and the uploaded name in filename*', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404, 503)
  async download(
    @Param('id', ParseIdPipe) id: number,
    @Param('fileId', ParseFileIdPipe) fileId: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { file, object } = await this.files.open(id, fileId, p.scope);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(object.stream, { type: file.contentType, disposition: attachmentDisposition(file.name), length: object.size });
  }

  @Delete(':fileId')
  @HttpCode(204)
  @Scopes('admin', 'analyst')
  @ApiOperation({ operationId: 'caseFilesDelete', summary: 'Delete a case file (its row and its stored object)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async remove(@Param('id', ParseIdPipe) id: number, @Param('fileId', ParseFileIdPipe) fileId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.files.remove(id, fileId, p);
  }
}
