import { CursorPager } from './cursor-pager';

describe('CursorPager', () => {
  const pages: Record<string, { items: number[]; nextCursor: string | null; total: number }> = {
    start: { items: [1, 2], nextCursor: 'c2', total: 5 },
    c2: { items: [3, 4], nextCursor: 'c3', total: 5 },
    c3: { items: [5], nextCursor: null, total: 5 },
  };
  const fetcher = jest.fn((cursor: string | null) => Promise.resolve(pages[cursor ?? 'start']));

  it('walks forward with nextCursor and back through visited cursors', async () => {
    const pager = new CursorPager<number>(fetcher, 2);
    await pager.reload();
    expect(pager.items()).toEqual([1, 2]);
    expect(pager.hasPrevious()).toBe(false);
    expect(pager.rangeLabel()).toBe('1–2 of 5');

    await pager.next();
    await pager.next();
    expect(pager.items()).toEqual([5]);
    expect(pager.hasNext()).toBe(false);
    expect(pager.rangeLabel()).toBe('5–5 of 5');

    await pager.previous();
    expect(pager.items()).toEqual([3, 4]);
    expect(fetcher).toHaveBeenLastCalledWith('c2', 2);
  });

  it('keeps the error message of a failed load', async () => {
    const pager = new CursorPager<number>(() => Promise.reject(new Error('boom')), 2);
    await pager.reload();
    expect(pager.error()).toBe('boom');
    expect(pager.empty()).toBe(false);
  });
});
