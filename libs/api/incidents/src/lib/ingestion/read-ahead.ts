/**
 * Yields what `source` yields, but asks for the next item as soon as the current one is handed out, on the
 * next turn of the event loop: while the consumer waits on the database with batch N, batch N+1 is fetched from
 * the indexer and mapped (on the other core, the database is working). At most one item is held ahead, so
 * memory stays bounded; closing the reader closes the source (the scan's point in time).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const it = source[Symbol.asyncIterator]();
  const ask = () => {
    const p = new Promise<IteratorResult<T>>((resolve, reject) => setImmediate(() => it.next().then(resolve, reject)));
    // Observed by the next loop turn; without this an early failure would count as unhandled meanwhile.
    p.catch(() => undefined);
    return p;
  };
  let done = false;
  try {
    let pending = ask();
    for (;;) {
      const r = await pending;
      if (r.done) {
        done = true;
        return;
      }
      pending = ask();
      yield r.value;
    }
  } finally {
    if (!done) await it.return?.();
  }
}
