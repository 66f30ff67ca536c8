/**
 * In-process mutual exclusion per key. The filesystem driver keeps an object and its metadata
 * sidecar in two files; serialising the steps that touch both keeps them paired for one process.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Only the last waiter removes the entry, so the map does not grow with every key ever used.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or queued; exposed for tests that prove the map does not leak. */
  get size(): number {
    return this.tails.size;
  }
}
