import { readAhead } from './read-ahead';

describe('readAhead', () => {
  it('yields everything in order while holding at most one item ahead of the consumer', async () => {
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < 5; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - consumed);
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const v of readAhead(source())) {
      consumed++;
      await new Promise((r) => setTimeout(r, 5)); // the consumer's database work
      seen.push(v);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(maxAhead).toBeLessThanOrEqual(2);
  });

  it('closes the source when the consumer stops early or fails (the scan\'s point in time is released)', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await expect((async () => {
      for await (const v of readAhead(source())) if (v === 2) throw new Error('batch failed');
    })()).rejects.toThrow('batch failed');
    expect(closed).toBe(true);
  });

  it('passes a failure of the source on to the consumer', async () => {
    async function* source() {
      yield 1;
      throw new Error('indexer down');
    }
    const seen: number[] = [];
    await expect((async () => {
      for await (const v of readAhead(source())) seen.push(v);
    })()).rejects.toThrow('indexer down');
    expect(seen).toEqual([1]);
  });
});
