import { LoadMoreList } from './load-more';

describe('LoadMoreList', () => {
  it('appends the next page and stops when there is no cursor', async () => {
    const fetcher = jest
      .fn()
      .mockResolvedValueOnce({ items: [1, 2], nextCursor: 'c2', total: 3 })
      .mockResolvedValueOnce({ items: [3], nextCursor: null });
    const list = new LoadMoreList<number>(fetcher);

    await list.reload();
    expect(list.items()).toEqual([1, 2]);
    expect(list.total()).toBe(3);
    expect(list.hasMore()).toBe(true);

    await list.more();
    expect(fetcher).toHaveBeenLastCalledWith('c2');
    expect(list.items()).toEqual([1, 2, 3]);
    expect(list.hasMore()).toBe(false);

    await list.more();
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('drops an answer that a newer reload overtook', async () => {
    let release: (page: { items: string[]; nextCursor: null }) => void = () => undefined;
    const slow = new Promise<{ items: string[]; nextCursor: null }>((resolve) => (release = resolve));
    const fetcher = jest.fn().mockReturnValueOnce(slow).mockResolvedValueOnce({ items: ['new filter'], nextCursor: null });
    const list = new LoadMoreList<string>(fetcher);

    const first = list.reload();
    await list.reload();
    release({ items: ['old filter'], nextCursor: null });
    await first;

    expect(list.items()).toEqual(['new filter']);
    expect(list.loading()).toBe(false);
  });

  it('keeps the rows shown when loading more fails, and clears them when the first page fails', async () => {
    const fetcher = jest
      .fn()
      .mockResolvedValueOnce({ items: [1], nextCursor: 'c2' })
      .mockRejectedValueOnce(new Error('network down'))
      .mockRejectedValueOnce(new Error('still down'));
    const list = new LoadMoreList<number>(fetcher);

    await list.reload();
    await list.more();
    expect(list.items()).toEqual([1]);
    expect(list.error()).toBe('network down');

    await list.reload();
    expect(list.items()).toEqual([]);
    expect(list.error()).toBe('still down');
    expect(list.empty()).toBe(false);
  });
});
