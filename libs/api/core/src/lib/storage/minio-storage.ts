import { Logger } from '@nestjs/common';
import { Client } from 'minio';
import { pipeline, type Readable } from 'node:stream';
import { NotFoundError, PayloadTooLargeError, ServiceUnavailableError } from '../errors/domain-errors';
import { BUCKETS } from './buckets';
import { HashingLimiter, partsOf, toReadable, type Part } from './hashing-limiter';
import { parseMinioUrl } from './minio-endpoint';
import { isNotFound, mapMinioError, s3CodeOf } from './minio-errors';
import { assertValidBucket, assertValidKey, assertValidPrefix, checkPutOptions } from './object-key';
import {
  DEFAULT_CONTENT_TYPE,
  STORAGE_DEPENDENCY,
  type GetResult,
  type ObjectListItem,
  type ObjectStat,
  type ObjectStorage,
  type PutOptions,
  type PutResult,
} from './storage.types';

export interface MinioStorageOptions {
  url: string;
  accessKey: string;
  secretKey: string;
  region?: string;
  /**
   * Bytes per multipart part, and so the most one upload holds in memory. S3 and MinIO require at
   * least 5 MiB except for the last part; 8 MiB x 10,000 parts caps an object at about 78 GiB.
   */
  partSize?: number;
  /** How long `ping` waits before declaring the store down. */
  pingTimeoutMs?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** Stored as `x-amz-meta-sha256`; the client adds and strips the prefix. */
const SHA256_META = 'sha256';

/**
 * S3 protocol via the `minio` client. Uploads do not use `putObject` on the raw stream: with an
 * unknown size it buffers up to a whole (hundreds of MiB) part, it never sees an error raised by the
 * source stream (the upload then hangs), and it resumes stray uploads found by listing them. Instead
 * the body is cut into parts here: a body that fits one part is a single PUT carrying its SHA-256,
 * anything larger is a multipart upload that is aborted on any failure, so the key is never bound to
 * a partial object.
 */
export class MinioObjectStorage implements ObjectStorage {
  private readonly logger = new Logger(MinioObjectStorage.name);
  private readonly client: Client;
  private readonly region: string;
  private readonly partSize: number;
  private readonly pingTimeoutMs: number;

  constructor(options: MinioStorageOptions) {
    const endpoint = parseMinioUrl(options.url);
    this.region = options.region || 'us-east-1';
    this.partSize = options.partSize ?? DEFAULT_PART_SIZE;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
    if (!Number.isSafeInteger(this.partSize) || this.partSize < 1) throw new Error('partSize must be a positive integer');
    // A fixed region saves a GetBucketLocation round trip before each first request to a bucket.
    this.client = new Client({ ...endpoint, accessKey: options.accessKey, secretKey: options.secretKey, region: this.region });
  }

  async ensureBucket(bucket: string): Promise<void> {
    assertValidBucket(bucket);
    try {
      if (await this.client.bucketExists(bucket)) return;
      await this.client.makeBucket(bucket, this.region);
    } catch (err) {
      // Another replica created it between our check and our create.
      const code = s3CodeOf(err);
      if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return;
      throw mapMinioError(err, `Bucket ${bucket}`);
    }
  }

  async put(bucket: string, key: string, body: Readable | Buffer, opts?: PutOptions): Promise<PutResult> {
    const { contentType, maxBytes } = checkPutOptions(opts);
    assertValidBucket(bucket);
    assertValidKey(key);
    const limiter = new HashingLimiter(maxBytes);
    // pipeline destroys the source when the limiter fails and vice versa; errors surface in the loop.
    const parts = partsOf(
      pipeline(toReadable(body), limiter, () => undefined),
      this.partSize,
    );
    try {
      const first = await parts.next();
      if (first.done) throw new Error('partsOf ended without a final part');
      if (first.value.last) {
        const data = first.value.data;
        await this.client.putObject(bucket, key, data, data.length, { 'Content-Type': contentType, [SHA256_META]: limiter.sha256 });
      } else {
        await this.putMultipart(bucket, key, contentType, first.value.data, parts, limiter);
      }
      return { size: limiter.size, sha256: limiter.sha256 };
    } catch (err) {
      // Stop reading the client's body: nothing more of it will be stored.
      limiter.destroy();
      throw mapMinioError(err, `Object ${bucket}/${key}`);
    }
  }

  async get(bucket: string, key: string): Promise<GetResult> {
    const info = await this.stat(bucket, key);
    if (!info) throw new NotFoundError(`Object ${bucket}/${key} not found`);
    try {
      // Keys are written once by the server, so stat and body describe the same version in practice.
      const stream = await this.client.getObject(bucket, key);
      return { stream, size: info.size, contentType: info.contentType };
    } catch (err) {
      throw mapMinioError(err, `Object ${bucket}/${key}`);
    }
  }

  async stat(bucket: string, key: string): Promise<ObjectStat | null> {
    assertValidBucket(bucket);
    assertValidKey(key);
    try {
      const info = await this.client.statObject(bucket, key);
      const declared: unknown = info.metaData['content-type'];
      return {
        size: info.size,
        contentType: typeof declared === 'string' && declared ? declared : DEFAULT_CONTENT_TYPE,
        lastModified: info.lastModified,
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw mapMinioError(err, `Object ${bucket}/${key}`);
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    assertValidBucket(bucket);
    assertValidKey(key);
    try {
      await this.client.removeObject(bucket, key);
    } catch (err) {
      // S3 already answers 204 for a missing key; a missing bucket means the object is gone too.
      if (isNotFound(err)) return;
      throw mapMinioError(err, `Object ${bucket}/${key}`);
    }
  }

  async *list(bucket: string, prefix = ''): AsyncIterable<ObjectListItem> {
    assertValidBucket(bucket);
    assertValidPrefix(prefix);
    // The client fetches one page (up to 1,000 keys) at a time as the stream is read.
    const stream = this.client.listObjectsV2(bucket, prefix, true);
    try {
      for await (const item of stream) {
        if (item.name !== undefined) yield { key: item.name, size: item.size, lastModified: item.lastModified };
      }
    } catch (err) {
      throw mapMinioError(err, `Bucket ${bucket}`);
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServiceUnavailableError(STORAGE_DEPENDENCY, `no answer within ${this.pingTimeoutMs} ms`)), this.pingTimeoutMs);
    });
    try {
      // A HEAD on one of our buckets works with bucket-scoped credentials, unlike ListBuckets.
      await Promise.race([this.client.bucketExists(BUCKETS[0]), timeout]);
    } catch (err) {
      throw mapMinioError(err, 'Object storage');
    } finally {
      clearTimeout(timer);
    }
  }

  private async putMultipart(bucket: string, key: string, contentType: string, first: Buffer, rest: AsyncGenerator<Part>, limiter: HashingLimiter): Promise<void> {
    const uploadId = await this.client.initiateNewMultipartUpload(bucket, key, { 'Content-Type': contentType });
    let etag: string;
    try {
      const parts: { part: number; etag: string }[] = [];
      let data = first;
      for (let part = 1; ; part++) {
        parts.push({ part, etag: await this.uploadPart(bucket, key, uploadId, part, data) });
        const next = await rest.next();
        if (next.done) break;
        if (part + 1 > MAX_PARTS) throw new PayloadTooLargeError(`Upload exceeds the largest object this store accepts (${MAX_PARTS} parts)`);
        data = next.value.data;
      }
      ({ etag } = await this.client.completeMultipartUpload(bucket, key, uploadId, parts));
    } catch (err) {
      await this.abort(bucket, key, uploadId);
      throw err;
    }
    await this.recordSha256(bucket, key, contentType, limiter.sha256, etag);
  }

  private async uploadPart(bucket: string, key: string, uploadId: string, part: number, data: Buffer): Promise<string> {
    const response = await this.client.makeRequestAsyncOmit(
      {
        method: 'PUT',
        bucketName: bucket,
        objectName: key,
        query: `partNumber=${part}&uploadId=${encodeURIComponent(uploadId)}`,
        headers: { 'Content-Length': data.length },
      },
      data,
      [200],
    );
    const etag = response.headers.etag;
    if (!etag) throw new ServiceUnavailableError(STORAGE_DEPENDENCY, `no ETag for part ${part} of ${bucket}/${key}`);
    return etag.replace(/^"|"$/g, '');
  }

  /**
   * A multipart upload's metadata is fixed when it starts, before the hash is known, so the hash is
   * added by copying the object onto itself with replaced metadata. Only if it is still the version we
   * wrote (If-Match), and best-effort: the caller already has the hash, and the bytes are complete.
   */
  private async recordSha256(bucket: string, key: string, contentType: string, sha256: string, etag: string): Promise<void> {
    const source = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    try {
      await this.client.makeRequestAsyncOmit(
        {
          method: 'PUT',
          bucketName: bucket,
          objectName: key,
          headers: {
            'x-amz-copy-source': source,
            'x-amz-copy-source-if-match': `"${etag}"`,
            'x-amz-metadata-directive': 'REPLACE',
            'Content-Type': contentType,
            [`x-amz-meta-${SHA256_META}`]: sha256,
          },
        },
        '',
        [200],
      );
    } catch (err) {
      this.logger.warn(`Stored ${bucket}/${key} without its sha256 metadata: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async abort(bucket: string, key: string, uploadId: string): Promise<void> {
    try {
      await this.client.abortMultipartUpload(bucket, key, uploadId);
    } catch (err) {
      // The key still holds no partial object; only the orphaned parts use space until a lifecycle rule clears them.
      this.logger.warn(`Could not abort multipart upload of ${bucket}/${key}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
