import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig, BadInputError, ConflictError, NotFoundError, OBJECT_STORAGE, ObjectStorage, PayloadTooLargeError } from '@copilot/api-core';
import type { UploadSource } from '../case-files/upload-part';
import { compileDocx, DOCX_CONTENT_TYPE } from './docx-report';
import { ReportTemplateDto } from './dto/case-report.dto';
import { checkTemplateName } from './template-names';

export const TEMPLATES_BUCKET = 'copilot-case-report-templates';
/**
 * Templates are held whole in memory (docxtemplater needs the whole zip to render anyway), so they
 * get a ceiling of their own below MAX_UPLOAD_MB: a real template is tens of kilobytes.
 */
export const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

/** Collects a stream of at most `maxBytes`; one byte more is a 413, and reading stops there. */
async function readBounded(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new PayloadTooLargeError(`Template exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** DOCX report templates in their bucket, keyed by name; each is compiled on upload so a broken one never lands. */
@Injectable()
export class ReportTemplatesService {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
  ) {}

  private get maxBytes(): number {
    return Math.min(this.config.maxUploadBytes, TEMPLATE_MAX_BYTES);
  }

  async upload(source: UploadSource): Promise<ReportTemplateDto> {
    const part = await source(this.maxBytes);
    const name = checkTemplateName(part.name, 'file');
    const bytes = await readBounded(part.body, this.maxBytes);
    compileDocx(bytes, 'file', name);
    // Replacing a template silently would change every report made from it: delete it first, on purpose.
    if (await this.storage.stat(TEMPLATES_BUCKET, name)) throw new ConflictError(`Template "${name}" already exists; delete it first to replace it`, [{ field: 'file', message: 'already exists' }]);
    const stored = await this.storage.put(TEMPLATES_BUCKET, name, bytes, { contentType: DOCX_CONTENT_TYPE, maxBytes: this.maxBytes });
    return { name, size: stored.size, sha256: stored.sha256, updatedAt: new Date() };
  }

  async list(): Promise<ReportTemplateDto[]> {
    const out: ReportTemplateDto[] = [];
    for await (const o of this.storage.list(TEMPLATES_BUCKET)) out.push({ name: o.key, size: o.size, updatedAt: o.lastModified });
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async remove(rawName: string): Promise<void> {
    const name = checkTemplateName(rawName, 'path.name');
    if (!(await this.storage.stat(TEMPLATES_BUCKET, name))) throw new NotFoundError(`Template "${name}" not found`);
    await this.storage.delete(TEMPLATES_BUCKET, name);
  }

  /** A template named in a request body: unknown is a 400 naming `field`, like any other bad reference. */
  async read(rawName: string, field: string): Promise<{ name: string; bytes: Buffer }> {
    const name = checkTemplateName(rawName, field);
    const info = await this.storage.stat(TEMPLATES_BUCKET, name);
    if (!info) throw new BadInputError(`Unknown template "${name}"`, [{ field, message: `unknown template "${name}"` }]);
    // Only a file placed in the bucket by hand can be this large: upload refuses it.
    if (info.size > TEMPLATE_MAX_BYTES) throw new BadInputError(`Template "${name}" is larger than ${TEMPLATE_MAX_BYTES} bytes`, [{ field, message: 'too large to render' }]);
    const { stream } = await this.storage.get(TEMPLATES_BUCKET, name);
    return { name, bytes: await readBounded(stream, TEMPLATE_MAX_BYTES) };
  }
}
