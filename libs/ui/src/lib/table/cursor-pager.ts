import { computed, signal } from '@angular/core';
import { problemMessage } from '../api/problem';
import { CursorPage } from '../api/api-call';

export type PageFetcher<T> = (cursor: string | null, limit: number) => Promise<CursorPage<T>>;

/**
 * State of a cursor-paginated list (`{items, nextCursor, total}`): the current page, loading and error flags,
 * and next/previous navigation. Previous pages are reached through the stack of cursors already visited.
 * Responses that arrive after a newer request started are dropped.
 */
export class CursorPager<T> {
  readonly items = signal<T[]>([]);
  readonly total = signal(0);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly pageIndex = signal(0);
  private readonly nextCursor = signal<string | null>(null);
  private cursors: (string | null)[] = [null];
  private sequence = 0;

  readonly hasNext = computed(() => this.nextCursor() !== null);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly empty = computed(() => !this.loading() && this.error() === null && this.items().length === 0);
  readonly rangeLabel = computed(() => {
    const count = this.items().length;
    if (count === 0) {
      return `0 of ${this.total()}`;
    }
    const start = this.pageIndex() * this.pageSize + 1;
    return `${start}–${start + count - 1} of ${this.total()}`;
  });

  constructor(
    private readonly fetcher: PageFetcher<T>,
    readonly pageSize = 25,
  ) {}

  /** Back to the first page (call after a filter changed). */
  reload(): Promise<void> {
    this.cursors = [null];
    return this.load(0);
  }

  /** Reloads the page being shown (after an edit). */
  refresh(): Promise<void> {
    return this.load(this.pageIndex());
  }

  next(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null) {
      return Promise.resolve();
    }
    const index = this.pageIndex() + 1;
    this.cursors = [...this.cursors.slice(0, index), cursor];
    return this.load(index);
  }

  previous(): Promise<void> {
    return this.pageIndex() > 0 ? this.load(this.pageIndex() - 1) : Promise.resolve();
  }

  private async load(index: number): Promise<void> {
    const ticket = ++this.sequence;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetcher(this.cursors[index] ?? null, this.pageSize);
      if (ticket !== this.sequence) {
        return;
      }
      if (page.items.length === 0 && index > 0) {
        // The page emptied (rows were deleted): step back instead of showing an empty page.
        this.cursors = this.cursors.slice(0, index);
        await this.load(index - 1);
        return;
      }
      this.items.set(page.items);
      this.total.set(page.total);
      this.nextCursor.set(page.nextCursor ?? null);
      this.pageIndex.set(index);
    } catch (error) {
      if (ticket === this.sequence) {
        this.error.set(problemMessage(error));
        this.items.set([]);
      }
    } finally {
      if (ticket === this.sequence) {
        this.loading.set(false);
      }
    }
  }
}
