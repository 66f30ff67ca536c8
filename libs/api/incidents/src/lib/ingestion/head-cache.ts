import type { AlertHead, HeadLookup } from './dedup-planner';

/** Keys a pass remembers before it starts over (each forgotten key costs one more lookup, nothing else). */
export const MAX_CACHED_HEADS = 200_000;

/**
 * A pass's heads by dedup key: what the database said when a key was first seen, moved forward by each batch
 * the pass plans. A stream repeats a few keys over and over, so after the first batches almost nothing is looked
 * up. Nothing here is trusted blindly: the writer checks every head a batch decided against (repeated, or
 * passed over for a new alert) still has the version it was planned with, and a batch that finds an alert
 * changed under it clears the cache and is planned again from the database.
 */
export class HeadCache implements HeadLookup {
  private readonly heads = new Map<string, AlertHead>();

  get size(): number {
    return this.heads.size;
  }

  get(key: string): AlertHead | undefined {
    return this.heads.get(key);
  }

  /** The distinct keys among these that the cache does not hold. */
  missing(keys: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const key of keys) if (!this.heads.has(key)) out.add(key);
    return [...out];
  }

  set(heads: ReadonlyMap<string, AlertHead>): void {
    heads.forEach((head, key) => this.heads.set(key, head));
  }

  clear(): void {
    this.heads.clear();
  }

  /**
   * Once a batch committed, its new alerts have ids: the heads that name them by their plan entry name them by id
   * instead, so the cache does not keep a whole batch's documents alive for the rest of the pass.
   */
  settle(keys: Iterable<string>): void {
    for (const key of keys) {
      const head = this.heads.get(key);
      if (head && typeof head.target !== 'number' && head.target.id !== null) this.heads.set(key, { ...head, target: head.target.id });
    }
  }
}
