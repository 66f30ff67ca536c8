import { BadInputError, DEFAULT_CONTENT_TYPE, sanitizeFileName } from '@copilot/api-core';
import { CASE_FILE_NAME_MAX } from './case-file.entity';

// C0, DEL and C1, as objectKey() refuses them: invisible in logs and UIs, and header-smuggling material.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/** type/subtype with optional parameters, as the storage layer accepts; anything else is stored as octet-stream. */
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/;

function refused(field: string, message: string, name: string): BadInputError {
  const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  return new BadInputError(`File name ${shown} ${message}`, [{ field, message }]);
}

/**
 * Checks the client's file name and returns it trimmed. A name that tries to be a path (`/`, `\`,
 * `.`, `..`) or carries control characters is refused with a 400 rather than quietly renamed, so
 * the uploader learns their file was not stored under the name they think.
 */
export function checkUploadName(raw: string | undefined, field = 'file'): string {
  const name = (raw ?? '').trim();
  if (name === '') throw refused(field, 'must not be empty (send the part with a filename)', name);
  if (CONTROL_CHARS.test(name)) throw refused(field, 'must not contain control characters', name);
  if (name.includes('/') || name.includes('\\')) throw refused(field, 'must be a bare file name, without "/" or "\\"', name);
  if (name === '.' || name === '..') throw refused(field, 'is not a file name', name);
  if (name.length > CASE_FILE_NAME_MAX) throw refused(field, `must be at most ${CASE_FILE_NAME_MAX} characters`, name);
  return name;
}

/** The object-key part of a checked name: sanitizeFileName keeps it to safe ASCII, at most 120 characters. */
export function keyPartOf(name: string): string {
  return sanitizeFileName(name);
}

/** The declared type when it is a plain media type; otherwise octet-stream, since downloads are attachments anyway. */
export function storedContentType(declared: string | undefined): string {
  const type = (declared ?? '').trim().toLowerCase();
  return type.length > 0 && type.length <= 255 && MEDIA_TYPE.test(type) ? type : DEFAULT_CONTENT_TYPE;
}

/** RFC 5987 value: UTF-8, percent-encoded, including the characters encodeURIComponent leaves alone but the grammar forbids. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with an ASCII fallback (sanitised: no quotes, backslashes or separators, so it cannot
 * break out of the quoted string) and the exact name in `filename*`, which every current browser prefers.
 */
export function attachmentDisposition(name: string): string {
  const fallback = sanitizeFileName(name.replace(CONTROL_CHARS, '_'));
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}
