import { Logger } from '@nestjs/common';
import { ConflictError, DomainError, ServiceUnavailableError } from '../errors/domain-errors';
import { STORAGE_DEPENDENCY } from './storage.types';

const logger = new Logger('FilesystemObjectStorage');

/** Errno codes meaning the storage itself is unusable (permissions, full or read-only disk, I/O). */
const UNAVAILABLE = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EMFILE', 'ENFILE']);
/** A key and a key prefix want the same path (`a` is a file, `a/b` needs it to be a directory). */
const CLASH = new Set(['EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY']);

export function errnoOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The 503 names the errno only: the full message holds server paths, which belong in the log, not the response. */
function down(err: unknown): ServiceUnavailableError {
  logger.error(`Storage volume failure: ${messageOf(err)}`);
  return new ServiceUnavailableError(STORAGE_DEPENDENCY, `storage volume error ${errnoOf(err) ?? 'unknown'}`);
}

/**
 * Turns a failure on an object path into the domain error the problem filter understands. Domain
 * errors (size limit, bad input) pass through; anything unrecognised stays as it is, a 500 bug.
 */
export function mapFsError(err: unknown, what: string): Error {
  if (err instanceof DomainError) return err;
  const code = errnoOf(err);
  if (code && CLASH.has(code)) return new ConflictError(`Object ${what} collides with an existing object or key prefix`);
  if (code && UNAVAILABLE.has(code)) return down(err);
  return err instanceof Error ? err : new Error(messageOf(err));
}

/** For the root and bucket directories: whatever the errno, failing there means the store is down. */
export function unavailable(err: unknown): Error {
  return err instanceof DomainError ? err : down(err);
}
