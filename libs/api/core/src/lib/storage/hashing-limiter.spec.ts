import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '../errors/domain-errors';
import { HashingLimiter, partsOf, type Part } from './hashing-limiter';
import { collect } from './testing/helpers';

const drain = async (limiter: HashingLimiter, chunks: Buffer[]): Promise<void> => {
  await pipeline(Readable.from(chunks), limiter, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) void chunk;
  });
};

describe('HashingLimiter', () => {
  it('hashes and counts what flows through', async () => {
    const limiter = new HashingLimiter(undefined);
    await drain(limiter, [Buffer.from('abc'), Buffer.from('def')]);
    expect(limiter.size).toBe(6);
    expect(limiter.sha256).toBe(createHash('sha256').update('abcdef').digest('hex'));
  });

  it('fails with PayloadTooLargeError as soon as the limit is passed', async () => {
    const limiter = new HashingLimiter(5);
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield Buffer.from('abc');
        }
      })(),
    );
    await expect(pipeline(source, limiter, async (s: AsyncIterable<Buffer>) => { for await (const c of s) void c; })).rejects.toBeInstanceOf(PayloadTooLargeError);
    // The source is abandoned early rather than read to the end.
    expect(pulled).toBeLessThan(100);
  });

  it('refuses to report a hash before the stream has ended', () => {
    expect(() => new HashingLimiter(undefined).sha256).toThrow('before the upload stream ended');
  });
});

describe('partsOf', () => {
  const sizes = (parts: Part[]) => parts.map((part) => [part.data.length, part.last]);
  const from = async function* (chunks: number[]): AsyncGenerator<Buffer> {
    for (const n of chunks) yield Buffer.alloc(n, 1);
  };

  it('yields a single final part for a body that fits', async () => {
    expect(sizes(await collect(partsOf(from([3, 4]), 10)))).toEqual([[7, true]]);
    expect(sizes(await collect(partsOf(from([10]), 10)))).toEqual([[10, true]]);
  });

  it('yields one empty final part for an empty body', async () => {
    expect(sizes(await collect(partsOf(from([]), 10)))).toEqual([[0, true]]);
  });

  it('cuts exact part sizes and never yields an empty trailing part', async () => {
    expect(sizes(await collect(partsOf(from([7, 7, 6]), 10)))).toEqual([[10, false], [10, true]]);
    expect(sizes(await collect(partsOf(from([25]), 10)))).toEqual([[10, false], [10, false], [5, true]]);
    expect(sizes(await collect(partsOf(from([10, 1]), 10)))).toEqual([[10, false], [1, true]]);
  });

  it('keeps byte order across parts', async () => {
    const data = Buffer.from(Array.from({ length: 37 }, (_, i) => i));
    const source = async function* () {
      for (let i = 0; i < data.length; i += 4) yield data.subarray(i, i + 4);
    };
    const joined = Buffer.concat((await collect(partsOf(source(), 8))).map((part) => part.data));
    expect(joined).toEqual(data);
  });
});
