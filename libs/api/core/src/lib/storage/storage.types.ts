import type { Readable } from 'node:stream';

/** Which backend holds objects. The URL form for MinIO keeps the config to one variable per concern. */
export type StorageConfig =
  | { driver: 'filesystem'; root: string }
  | { driver: 'minio'; url: string; accessKey: string; secretKey: string; region?: string };

export interface PutOptions {
  /** Stored with the object and reported by `get`/`stat`; `application/octet-stream` when absent. */
  contentType?: string;
  /** Upload is aborted with PayloadTooLargeError once the body exceeds this many bytes. */
  maxBytes?: number;
}

export interface PutResult {
  size: number;
  /** Lower-case hex SHA-256 of the stored bytes, computed while streaming. */
  sha256: string;
}

export interface GetResult {
  stream: Readable;
  size: number;
  contentType: string;
}

export interface ObjectStat {
  size: number;
  contentType: string;
  lastModified: Date;
}

export interface ObjectListItem {
  key: string;
  size: number;
  lastModified: Date;
}

/**
 * The one object-store abstraction. Keys come from `objectKey()` only; drivers re-validate them so a
 * caller that bypasses it still cannot escape its bucket.
 */
export interface ObjectStorage {
  /** Creates the bucket when missing; safe to call concurrently and repeatedly. */
  ensureBucket(bucket: string): Promise<void>;
  /** Streams the body in; never leaves a partial object under `key` when it fails. */
  put(bucket: string, key: string, body: Readable | Buffer, opts?: PutOptions): Promise<PutResult>;
  /** NotFoundError when the object (or its bucket) is missing. */
  get(bucket: string, key: string): Promise<GetResult>;
  /** Null when the object (or its bucket) is missing. */
  stat(bucket: string, key: string): Promise<ObjectStat | null>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(bucket: string, key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, streamed; order is not specified. */
  list(bucket: string, prefix?: string): AsyncIterable<ObjectListItem>;
  /** Throws ServiceUnavailableError('object-storage', …) when the store cannot be used. */
  ping(): Promise<void>;
}

/** Nest injection token for the configured ObjectStorage. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Dependency name used in every 503 the drivers raise, so problem+json names the same thing. */
export const STORAGE_DEPENDENCY = 'object-storage';
