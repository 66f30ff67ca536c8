import { BadInputError } from '../errors/domain-errors';
import { DEFAULT_CONTENT_TYPE, type PutOptions } from './storage.types';

const MAX_PART_LENGTH = 200;
/** S3's limit on a whole key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
const MAX_FILE_NAME_LENGTH = 120;
/** A longer "extension" is really part of the name, so truncation may cut it. */
const MAX_EXTENSION_LENGTH = 16;
// C0, DEL and C1: invisible in logs and UIs, and some filesystems or proxies mangle them.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/** Lower-case, digits and inner hyphens: valid on S3 and a safe directory name; no dots, so never `..`. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** type/subtype with optional parameters; no CR/LF, so it cannot smuggle extra headers. */
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/;

/** Quoted and escaped, so control characters in a rejected value cannot forge log lines. */
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** Why a key part is unsafe, or null when it is fine. */
function partProblem(part: string): string | null {
  if (part.length === 0) return 'must not be empty';
  if (part.length > MAX_PART_LENGTH) return `must be at most ${MAX_PART_LENGTH} characters`;
  if (part.includes('/') || part.includes('\\')) return 'must not contain "/" or "\\"';
  if (part.includes('..')) return 'must not contain ".."';
  if (CONTROL_CHARS.test(part)) return 'must not contain control characters';
  if (part.startsWith('.')) return 'must not start with "."';
  return null;
}

function partText(part: string | number, index: number): string {
  if (typeof part === 'number') {
    // Ids are non-negative integers; NaN, fractions or exponents would make surprising key text.
    if (!Number.isSafeInteger(part) || part < 0) {
      throw new BadInputError(`Object key part ${index} (${part}) must be a non-negative integer`, [
        { field: `objectKey[${index}]`, message: 'must be a non-negative integer' },
      ]);
    }
    return String(part);
  }
  return part;
}

function checkKeyLength(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new BadInputError(`Object key is longer than ${MAX_KEY_BYTES} bytes`, [
      { field: 'objectKey', message: `must be at most ${MAX_KEY_BYTES} bytes` },
    ]);
  }
}

/**
 * The only way to build an object key: every part is validated on its own, so no client-supplied
 * value can introduce a separator, a parent reference or a hidden name.
 */
export function objectKey(...parts: (string | number)[]): string {
  if (parts.length === 0) {
    throw new BadInputError('Object key needs at least one part', [{ field: 'objectKey', message: 'must not be empty' }]);
  }
  const texts = parts.map((part, index) => {
    const text = partText(part, index);
    const problem = partProblem(text);
    if (problem) {
      throw new BadInputError(`Object key part ${index} (${quote(text)}) ${problem}`, [
        { field: `objectKey[${index}]`, message: problem },
      ]);
    }
    return text;
  });
  const key = texts.join('/');
  checkKeyLength(key);
  return key;
}

/** Drivers re-check keys they receive, so a caller that skipped objectKey() still cannot escape. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new BadInputError('Object key must not be empty', [{ field: 'key', message: 'must not be empty' }]);
  }
  key.split('/').forEach((part, index) => {
    const problem = partProblem(part);
    if (problem) {
      throw new BadInputError(`Object key ${quote(key)}: segment ${index} ${problem}`, [{ field: 'key', message: problem }]);
    }
  });
  checkKeyLength(key);
}

/** A list prefix is a key whose last segment may be partial or empty (a trailing `/`). */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  const segments = prefix.split('/');
  segments.forEach((segment, index) => {
    const isLast = index === segments.length - 1;
    if (isLast && segment === '') return;
    const problem = partProblem(segment);
    if (problem) {
      throw new BadInputError(`List prefix ${quote(prefix)}: segment ${index} ${problem}`, [{ field: 'prefix', message: problem }]);
    }
  });
}

export function assertValidBucket(bucket: string): void {
  if (typeof bucket !== 'string' || !BUCKET_NAME.test(bucket)) {
    throw new BadInputError(`Invalid bucket name ${quote(String(bucket))}`, [
      { field: 'bucket', message: 'must be 3-63 lower-case letters, digits or inner hyphens' },
    ]);
  }
}

export interface CheckedPutOptions {
  contentType: string;
  maxBytes: number | undefined;
}

export function checkPutOptions(opts: PutOptions | undefined): CheckedPutOptions {
  const contentType = opts?.contentType ?? DEFAULT_CONTENT_TYPE;
  if (contentType.length > 255 || !CONTENT_TYPE.test(contentType)) {
    throw new BadInputError(`Invalid content type ${quote(contentType)}`, [{ field: 'contentType', message: 'must be a media type' }]);
  }
  const maxBytes = opts?.maxBytes;
  if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 0)) {
    throw new BadInputError(`Invalid size limit ${maxBytes}`, [{ field: 'maxBytes', message: 'must be a non-negative integer' }]);
  }
  return { contentType, maxBytes };
}

function badFileName(name: string, message: string): BadInputError {
  return new BadInputError(`File name ${quote(name)} ${message}`, [{ field: 'fileName', message }]);
}

/**
 * Makes a client-supplied file name safe to show, to send in Content-Disposition and to use as an
 * objectKey() part: the result never contains separators, `..`, a leading dot or exotic characters.
 */
export function sanitizeFileName(name: string): string {
  if (CONTROL_CHARS.test(name)) throw badFileName(name, 'must not contain control characters');
  // Browsers on Windows send full paths; only the last segment is the file's name.
  const segments = name.split(/[\\/]/);
  const base = (segments[segments.length - 1] ?? '').trim();
  if (base === '') throw badFileName(name, 'must not be empty');
  if (base === '.' || base === '..') throw badFileName(name, 'is not a file name');

  let safe = base
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^\./, '_');
  if (safe.length > MAX_FILE_NAME_LENGTH) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && safe.length - dot <= MAX_EXTENSION_LENGTH ? safe.slice(dot) : '';
    // Trailing dots or spaces on the cut stem would yield `..` or an odd gap before the extension.
    const stem = safe.slice(0, MAX_FILE_NAME_LENGTH - extension.length).replace(/[. ]+$/, '');
    safe = `${stem || '_'}${extension}`;
  }
  return safe;
}
