import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** Test helpers shared by the driver specs; not exported from the library. */

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A body arriving in many small chunks, like a network upload. */
export function chunked(data: Buffer, chunkSize = 7919): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < data.length; offset += chunkSize) yield data.subarray(offset, offset + chunkSize);
    })(),
  );
}

/** Sends `good` bytes, then fails the way an aborted client connection does. */
export function failingAfter(good: Buffer, message = 'client went away'): Readable {
  return Readable.from(
    (async function* () {
      yield good;
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error(message);
    })(),
  );
}

export function random(bytes: number): Buffer {
  return randomBytes(bytes);
}

let bucketSeq = 0;
/** A fresh bucket name per test, so tests never see each other's objects. */
export function uniqueBucket(): string {
  bucketSeq += 1;
  return `t${bucketSeq}-${randomBytes(4).toString('hex')}`;
}
