import { computed, signal } from '@angular/core';
import { problemMessage } from '../api/problem';

/** One keyset page as the api answers it; `total` only when asked for (`withTotal`). */
export interface KeysetPage<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
}

export type KeysetFetcher<T> = (cursor: string | null) => Promise<KeysetPage<T>>;

/**
 * A keyset-paginated list shown with "Load more": `reload()` fetches the first page (after a filter
 * changed), `more()` appends the next one. Answers that arrive after a newer request started are dropped,
 * so a slow first page cannot overwrite the result of a later filter.
 */
export class LoadMoreList<T> {
  readonly items = signal<T[]>([]);
  /** The count of the first page's answer, when the fetcher asked for it. */
  readonly total = signal<number | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private readonly nextCursor = signal<string | null>(null);
  private sequence = 0;

  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly empty = computed(() => !this.loading() && this.error() === null && this.items().length === 0);

  constructor(private readonly fetcher: KeysetFetcher<T>) {}

  reload(): Promise<void> {
    return this.load(null);
  }

  more(): Promise<void> {
    const cursor = this.nextCursor();
    return cursor === null || this.loading() ? Promise.resolve() : this.load(cursor);
  }

  private async load(cursor: string | null): Promise<void> {
    const ticket = ++this.sequence;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetcher(cursor);
      if (ticket !== this.sequence) {
        return;
      }
      this.items.update((rows) => (cursor === null ? page.items : [...rows, ...page.items]));
      this.nextCursor.set(page.nextCursor ?? null);
      if (cursor === null) {
        this.total.set(page.total ?? null);
      }
    } catch (error) {
      if (ticket === this.sequence) {
        this.error.set(problemMessage(error));
        if (cursor === null) {
          this.items.set([]);
          this.nextCursor.set(null);
          this.total.set(null);
        }
      }
    } finally {
      if (ticket === this.sequence) {
        this.loading.set(false);
      }
    }
  }
}
