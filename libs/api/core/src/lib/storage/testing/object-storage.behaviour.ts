import { createHash } from 'node:crypto';
import { BadInputError, NotFoundError, PayloadTooLargeError } from '../../errors/domain-errors';
import type { ObjectStorage } from '../storage.types';
import { chunked, collect, failingAfter, random, readAll, uniqueBucket } from './helpers';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface BehaviourOptions {
  /** A body that the driver must handle in several pieces (bigger than the MinIO part size under test). */
  largeBytes: number;
  /**
   * Whether racing overwrites of ONE key are atomic in the store under test. True for the filesystem
   * driver and for real MinIO (each PUT commits atomically); s3rver, the in-process S3 used in tests,
   * streams racing PUTs into the same file, so their bytes can interleave. The MinIO driver's own
   * contribution (one PUT per upload, aborted on failure) is covered by the other cases.
   */
  atomicConcurrentOverwrites: boolean;
}

/**
 * The contract every ObjectStorage driver must meet, written once and run against each driver, so the
 * filesystem default and MinIO behave the same for the code above them.
 */
export function describeObjectStorageBehaviour(name: string, getStorage: () => ObjectStorage, options: BehaviourOptions): void {
  describe(`ObjectStorage behaviour: ${name}`, () => {
    let storage: ObjectStorage;
    let bucket: string;

    beforeEach(async () => {
      storage = getStorage();
      bucket = uniqueBucket();
      await storage.ensureBucket(bucket);
    });

    it('creates buckets idempotently, even concurrently', async () => {
      await expect(Promise.all([storage.ensureBucket(bucket), storage.ensureBucket(bucket), storage.ensureBucket(bucket)])).resolves.toBeDefined();
      await storage.put(bucket, 'kept', Buffer.from('x'));
      await storage.ensureBucket(bucket);
      expect(await storage.stat(bucket, 'kept')).not.toBeNull();
    });

    it('stores a buffer and returns its size, sha256 and content type', async () => {
      const data = Buffer.from('hello evidence\n');
      const result = await storage.put(bucket, 'cases/1/note.txt', data, { contentType: 'text/plain; charset=utf-8' });
      expect(result).toEqual({ size: data.length, sha256: sha(data) });
      const got = await storage.get(bucket, 'cases/1/note.txt');
      expect(got.size).toBe(data.length);
      expect(got.contentType).toBe('text/plain; charset=utf-8');
      expect(await readAll(got.stream)).toEqual(data);
    });

    it('streams a multi-chunk body larger than one upload part and hashes it exactly', async () => {
      const data = random(options.largeBytes);
      const result = await storage.put(bucket, 'big/blob.bin', chunked(data), { contentType: 'application/zip' });
      expect(result).toEqual({ size: data.length, sha256: sha(data) });
      const got = await storage.get(bucket, 'big/blob.bin');
      expect(got.size).toBe(data.length);
      expect(got.contentType).toBe('application/zip');
      expect(sha(await readAll(got.stream))).toBe(sha(data));
    });

    it('accepts an empty body and defaults the content type', async () => {
      expect(await storage.put(bucket, 'empty', Buffer.alloc(0))).toEqual({ size: 0, sha256: EMPTY_SHA256 });
      const got = await storage.get(bucket, 'empty');
      expect(got.size).toBe(0);
      expect(got.contentType).toBe('application/octet-stream');
      expect((await readAll(got.stream)).length).toBe(0);
    });

    it('reports stat for present objects and null for missing keys or buckets', async () => {
      const before = Date.now();
      await storage.put(bucket, 'a/b', Buffer.from('12345'), { contentType: 'application/pdf' });
      const info = await storage.stat(bucket, 'a/b');
      expect(info).toMatchObject({ size: 5, contentType: 'application/pdf' });
      expect(info?.lastModified).toBeInstanceOf(Date);
      // S3 keeps second precision, so allow a little slack either side.
      expect(Math.abs((info?.lastModified.getTime() ?? 0) - before)).toBeLessThan(60_000);
      expect(await storage.stat(bucket, 'a/missing')).toBeNull();
      expect(await storage.stat(bucket, 'a')).toBeNull();
      expect(await storage.stat(uniqueBucket(), 'a/b')).toBeNull();
    });

    it('answers NotFoundError for a missing object or bucket', async () => {
      await expect(storage.get(bucket, 'nope')).rejects.toBeInstanceOf(NotFoundError);
      await expect(storage.get(uniqueBucket(), 'nope')).rejects.toBeInstanceOf(NotFoundError);
      await expect(storage.put(uniqueBucket(), 'k', Buffer.from('x'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(collect(storage.list(uniqueBucket()))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('overwrites an object with its new bytes and content type', async () => {
      await storage.put(bucket, 'doc', Buffer.from('first version'), { contentType: 'text/plain' });
      await storage.put(bucket, 'doc', Buffer.from('second'), { contentType: 'application/json' });
      const got = await storage.get(bucket, 'doc');
      expect(got.contentType).toBe('application/json');
      expect((await readAll(got.stream)).toString()).toBe('second');
    });

    it('deletes idempotently', async () => {
      await storage.put(bucket, 'x/y/z', Buffer.from('bye'));
      await storage.delete(bucket, 'x/y/z');
      expect(await storage.stat(bucket, 'x/y/z')).toBeNull();
      await expect(storage.get(bucket, 'x/y/z')).rejects.toBeInstanceOf(NotFoundError);
      await expect(storage.delete(bucket, 'x/y/z')).resolves.toBeUndefined();
      await expect(storage.delete(bucket, 'never/was')).resolves.toBeUndefined();
      await expect(storage.delete(uniqueBucket(), 'never/was')).resolves.toBeUndefined();
      expect(await collect(storage.list(bucket))).toEqual([]);
    });

    it('lists keys under a prefix, including partial segments', async () => {
      const keys = ['cases/1/a.txt', 'cases/1/b.txt', 'cases/12/c.txt', 'cases/2/d.txt', 'other/e.txt', 'top'];
      await Promise.all(keys.map((key, i) => storage.put(bucket, key, Buffer.alloc(i + 1, 1))));
      const all = await collect(storage.list(bucket));
      expect(all.map((item) => item.key).sort()).toEqual([...keys].sort());
      const top = all.find((item) => item.key === 'top');
      expect(top?.size).toBe(6);
      expect(top?.lastModified).toBeInstanceOf(Date);
      const keysUnder = async (prefix: string) => (await collect(storage.list(bucket, prefix))).map((item) => item.key).sort();
      expect(await keysUnder('cases/1/')).toEqual(['cases/1/a.txt', 'cases/1/b.txt']);
      expect(await keysUnder('cases/1')).toEqual(['cases/1/a.txt', 'cases/1/b.txt', 'cases/12/c.txt']);
      expect(await keysUnder('cases/1/a')).toEqual(['cases/1/a.txt']);
      expect(await keysUnder('to')).toEqual(['top']);
      expect(await keysUnder('missing/')).toEqual([]);
    });

    it('lets a consumer stop listing early', async () => {
      await Promise.all(['a/1', 'a/2', 'a/3', 'b/4'].map((key) => storage.put(bucket, key, Buffer.from(key))));
      const seen: string[] = [];
      for await (const item of storage.list(bucket)) {
        seen.push(item.key);
        if (seen.length === 2) break;
      }
      expect(seen).toHaveLength(2);
    });

    it('accepts a body of exactly maxBytes', async () => {
      const data = random(1000);
      await expect(storage.put(bucket, 'exact', chunked(data, 100), { maxBytes: 1000 })).resolves.toEqual({ size: 1000, sha256: sha(data) });
    });

    it('aborts an oversized upload with PayloadTooLargeError and leaves nothing behind', async () => {
      await expect(storage.put(bucket, 'too/big', chunked(random(5000), 512), { maxBytes: 4096 })).rejects.toBeInstanceOf(PayloadTooLargeError);
      expect(await storage.stat(bucket, 'too/big')).toBeNull();
      expect(await collect(storage.list(bucket))).toEqual([]);
    });

    it('aborts an oversized multi-part upload and leaves nothing behind', async () => {
      const limit = Math.floor(options.largeBytes * 0.75);
      await expect(storage.put(bucket, 'huge', chunked(random(options.largeBytes)), { maxBytes: limit })).rejects.toBeInstanceOf(PayloadTooLargeError);
      expect(await storage.stat(bucket, 'huge')).toBeNull();
      expect(await collect(storage.list(bucket))).toEqual([]);
    });

    it('keeps the previous version when an overwrite is rejected', async () => {
      await storage.put(bucket, 'report', Buffer.from('good'), { contentType: 'text/plain' });
      await expect(storage.put(bucket, 'report', random(2048), { maxBytes: 1024 })).rejects.toBeInstanceOf(PayloadTooLargeError);
      const got = await storage.get(bucket, 'report');
      expect(got.contentType).toBe('text/plain');
      expect((await readAll(got.stream)).toString()).toBe('good');
    });

    it('fails with the source error and stores nothing when the body stream breaks', async () => {
      await expect(storage.put(bucket, 'broken', failingAfter(random(100)))).rejects.toThrow('client went away');
      await expect(storage.put(bucket, 'broken-big', failingAfter(random(options.largeBytes)))).rejects.toThrow('client went away');
      expect(await collect(storage.list(bucket))).toEqual([]);
    });

    it('stores concurrent uploads to different keys intact', async () => {
      const bodies = Array.from({ length: 8 }, (_, i) => random(3000 + i * 500));
      const results = await Promise.all(bodies.map((body, i) => storage.put(bucket, `par/${i}`, chunked(body, 256))));
      results.forEach((result, i) => expect(result.sha256).toBe(sha(bodies[i] ?? Buffer.alloc(0))));
      for (const [i, body] of bodies.entries()) {
        expect(await readAll((await storage.get(bucket, `par/${i}`)).stream)).toEqual(body);
      }
    });

    if (options.atomicConcurrentOverwrites) {
      it('ends concurrent uploads to one key with exactly one of them, bytes and type together', async () => {
        const bodies = Array.from({ length: 6 }, (_, i) => Buffer.alloc(2000 + i, i + 65));
        await Promise.all(bodies.map((body, i) => storage.put(bucket, 'same', chunked(body, 300), { contentType: `text/v${i}` })));
        const got = await storage.get(bucket, 'same');
        const data = await readAll(got.stream);
        const winner = bodies.findIndex((body) => body.equals(data));
        expect(winner).toBeGreaterThanOrEqual(0);
        expect(got.contentType).toBe(`text/v${winner}`);
        expect(got.size).toBe(data.length);
      });
    } else {
      it('completes concurrent uploads to one key, each reporting the hash of its own body', async () => {
        const bodies = Array.from({ length: 6 }, (_, i) => Buffer.alloc(2000 + i, i + 65));
        const results = await Promise.all(bodies.map((body, i) => storage.put(bucket, 'same', chunked(body, 300), { contentType: `text/v${i}` })));
        results.forEach((result, i) => expect([result.size, result.sha256]).toEqual([bodies[i]?.length, sha(bodies[i] ?? Buffer.alloc(0))]));
        expect(await storage.stat(bucket, 'same')).not.toBeNull();
      });
    }

    it('rejects unsafe keys, bucket names and content types with BadInputError', async () => {
      for (const key of ['../escape', 'a/../../b', '/abs', 'a//b', 'a\\b', '.hidden', 'a/\u0000b', '']) {
        await expect(storage.put(bucket, key, Buffer.from('x'))).rejects.toBeInstanceOf(BadInputError);
        await expect(storage.get(bucket, key)).rejects.toBeInstanceOf(BadInputError);
        await expect(storage.delete(bucket, key)).rejects.toBeInstanceOf(BadInputError);
      }
      for (const name of ['..', 'Upper', 'a', 'has.dot', 'under_score', '../etc']) {
        await expect(storage.ensureBucket(name)).rejects.toBeInstanceOf(BadInputError);
      }
      await expect(collect(storage.list(bucket, '../'))).rejects.toBeInstanceOf(BadInputError);
      await expect(storage.put(bucket, 'k', Buffer.from('x'), { contentType: 'text/plain\r\nX-Evil: 1' })).rejects.toBeInstanceOf(BadInputError);
      await expect(storage.put(bucket, 'k', Buffer.from('x'), { maxBytes: -1 })).rejects.toBeInstanceOf(BadInputError);
    });

    it('answers ping when healthy', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });
}
