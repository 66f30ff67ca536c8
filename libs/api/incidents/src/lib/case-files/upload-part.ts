import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { BadInputError, DomainError, PayloadTooLargeError } from '@copilot/api-core';
import { checkUploadName, storedContentType } from './file-names';

/** The one file of an upload request, its name already checked, its bytes not yet read. */
export interface UploadPart {
  name: string;
  contentType: string;
  /** Non-empty: an empty file is refused before anything is stored. */
  body: Readable;
  /** True when busboy cut the part at its own limit, a backstop behind the byte-counting store. */
  truncated(): boolean;
}

/** How a service gets the file once it has decided the request may upload (case visible, role allowed). */
export type UploadSource = (maxBytes: number) => Promise<UploadPart>;

/** Anything @fastify/multipart or busboy throws is about the request body: a 4xx, never a 500. */
function bodyProblem(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const status = (err as { statusCode?: unknown }).statusCode;
  const message = err instanceof Error ? err.message : String(err);
  if (status === 413) return new PayloadTooLargeError(`Upload refused: ${message}`);
  return new BadInputError(`Malformed multipart body: ${message}`, [{ field: 'file', message }]);
}

/**
 * The part's bytes, re-emitted after the first chunk was seen (so an empty file is known before the
 * store is touched). Errors of the client's stream become 400s; destroying the result stops the part.
 */
async function nonEmpty(file: MultipartFile['file']): Promise<Readable | null> {
  const iterator = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const next = async () => iterator.next().catch((err: unknown) => Promise.reject(bodyProblem(err)));
  const first = await next();
  if (first.done) return null;
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      yield first.value;
      for (let step = await next(); !step.done; step = await next()) yield step.value;
    } finally {
      await iterator.return?.();
    }
  }
  return Readable.from(rest(), { objectMode: false });
}

/**
 * Reads the request's single `file` part as a stream. Busboy may pass one byte more than `maxBytes`,
 * so the store's own limit is what refuses the file (413) instead of busboy silently truncating it.
 * `preservePath` keeps the name exactly as sent, so `../x` is refused rather than shortened to `x`.
 */
export function multipartSource(req: FastifyRequest): UploadSource {
  return async (maxBytes) => {
    if (!req.isMultipart()) {
      throw new BadInputError('Send the file as multipart/form-data with one part named "file"', [{ field: 'file', message: 'required' }]);
    }
    let part: MultipartFile | undefined;
    try {
      part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 64 * 1024 }, preservePath: true });
    } catch (err) {
      throw bodyProblem(err);
    }
    if (!part || part.fieldname !== 'file') throw new BadInputError('No part named "file" in the multipart body', [{ field: 'file', message: 'required' }]);
    const name = checkUploadName(part.filename);
    const body = await nonEmpty(part.file);
    if (!body) throw new BadInputError(`File "${name}" is empty`, [{ field: 'file', message: 'must not be empty' }]);
    const file = part.file;
    return { name, contentType: storedContentType(part.mimetype), body, truncated: () => file.truncated };
  };
}
