import { S3Error } from 'minio';
import { DomainError, NotFoundError, ServiceUnavailableError } from '../errors/domain-errors';
import { errnoOf } from './fs-errors';
import { STORAGE_DEPENDENCY } from './storage.types';

/** Socket and TLS failures: the store is unreachable or not who it claims to be. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** HEAD requests carry no error body, so the client reports a plain 404 as `NotFound`. */
const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound']);

export function s3CodeOf(err: unknown): string | undefined {
  return err instanceof S3Error ? err.code : undefined;
}

export function isNotFound(err: unknown): boolean {
  const code = s3CodeOf(err);
  return code !== undefined && NOT_FOUND_CODES.has(code);
}

function isNetworkFailure(err: unknown): boolean {
  const code = errnoOf(err);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  // Dual-stack connects (a host name resolving to IPv4 and IPv6) fail with one error per address.
  if (err instanceof AggregateError) return err.errors.some(isNetworkFailure);
  return err instanceof Error && /socket hang up/i.test(err.message);
}

/**
 * Maps a MinIO client failure to a domain error. Anything the server said (S3Error: access denied,
 * internal error, …) or a failed connection means the dependency is unusable: 503 naming it. Other
 * errors are programming errors and stay as they are, so they surface as the 500 they are.
 */
export function mapMinioError(err: unknown, what: string): Error {
  if (err instanceof DomainError) return err;
  if (isNotFound(err)) return new NotFoundError(s3CodeOf(err) === 'NoSuchBucket' ? `${what}: bucket does not exist` : `${what} not found`);
  if (err instanceof S3Error || isNetworkFailure(err)) {
    const code = s3CodeOf(err) ?? errnoOf(err);
    const message = err instanceof Error ? err.message : String(err);
    return new ServiceUnavailableError(STORAGE_DEPENDENCY, code ? `${code}: ${message}` : message);
  }
  return err instanceof Error ? err : new Error(String(err));
}
