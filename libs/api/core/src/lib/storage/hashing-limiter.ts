import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { PayloadTooLargeError } from '../errors/domain-errors';

/**
 * Pass-through that hashes and counts bytes as they flow, and fails the stream as soon as the body
 * exceeds `maxBytes`, so an oversized upload is rejected without ever being held whole.
 */
export class HashingLimiter extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private digest: string | null = null;

  constructor(private readonly maxBytes: number | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.maxBytes !== undefined && this.bytes > this.maxBytes) {
      callback(new PayloadTooLargeError(`Upload exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }

  get size(): number {
    return this.bytes;
  }

  /** Hex SHA-256 of everything that passed; only meaningful once the stream has ended. */
  get sha256(): string {
    if (this.digest === null) throw new Error('sha256 read before the upload stream ended');
    return this.digest;
  }
}

/** A Buffer body goes through the same streaming path as a Readable, so both behave alike. */
export function toReadable(body: Readable | Buffer): Readable {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}

export interface Part {
  data: Buffer;
  /** True for the final part; the remainder may be empty when the body itself is empty. */
  last: boolean;
}

/**
 * Regroups a byte stream into parts of exactly `partSize` bytes (the last may be shorter). A part is
 * released only once a byte beyond it has arrived, so the first part already tells whether the body
 * fits in one request; at most one part plus one chunk is held in memory.
 */
export async function* partsOf(source: AsyncIterable<Buffer>, partSize: number): AsyncGenerator<Part> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    while (pendingBytes > partSize) {
      const joined = Buffer.concat(pending, pendingBytes);
      yield { data: joined.subarray(0, partSize), last: false };
      const rest = joined.subarray(partSize);
      pending = [rest];
      pendingBytes = rest.length;
    }
  }
  yield { data: Buffer.concat(pending, pendingBytes), last: true };
}
