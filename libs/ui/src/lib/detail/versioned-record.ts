import { Injector, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl } from '@angular/forms';
import { problemMessage, statusOf } from '../api/problem';
import { Notifier } from '../notify/notifier.service';

export interface VersionedRecordOptions<T> {
  /** Reads the record by id (the page's GET). */
  fetch: (id: number) => Promise<T>;
  /** What the page says when the record does not exist or is outside the user's scope (404). */
  notFound: string;
  /** Called after each successful load and reload (not after a refresh), e.g. to look up related names. */
  loaded?: (record: T) => void;
}

/**
 * State of a detail page showing one record that is saved with `If-Match` (the version the user saw): loading
 * and its error, `busy` while a save runs, and `stale` once the api answered 412 because someone else changed
 * the record — saves stay refused until `reload()`. Create it in an injection context (a field initializer).
 */
export class VersionedRecord<T extends { id: number }> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(true);
  readonly loadError = signal<string | null>(null);
  readonly notFound = signal(false);
  readonly busy = signal(false);
  readonly stale = signal(false);
  /** Controls that change the record are disabled while this is true. */
  readonly locked = computed(() => this.busy() || this.stale());
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  constructor(private readonly options: VersionedRecordOptions<T>) {}

  /** Loads (or reloads) the record; a 404 becomes the `notFound` text, any other failure the problem's message. */
  async load(id: number): Promise<T | null> {
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    try {
      const record = await this.options.fetch(id);
      this.value.set(record);
      this.stale.set(false);
      this.options.loaded?.(record);
      return record;
    } catch (error) {
      this.value.set(null);
      const missing = statusOf(error) === 404;
      this.notFound.set(missing);
      this.loadError.set(missing ? this.options.notFound : problemMessage(error));
      return null;
    } finally {
      this.loading.set(false);
    }
  }

  /** For an id that cannot exist (not a positive integer): shown as not found without asking the api. */
  markNotFound(): void {
    this.value.set(null);
    this.loadError.set(null);
    this.notFound.set(true);
    this.loading.set(false);
  }

  /** The "Reload" of the stale banner: the current state from the server, and saves allowed again. */
  async reload(): Promise<void> {
    const record = this.value();
    if (record) {
      await this.load(record.id);
    }
  }

  /** After a change that bumps the version (a comment, a link, a file): re-reads the record; a failure keeps what is shown. */
  async refresh(): Promise<void> {
    const record = this.value();
    if (!record) {
      return;
    }
    try {
      this.value.set(await this.options.fetch(record.id));
    } catch (error) {
      this.notifier.error(error);
    }
  }

  /**
   * Runs one save (the caller's PATCH with `current.version` as If-Match) unless one is running. On failure a
   * fresh copy of the record puts the page's controls back on the last known state; a 412 marks the record
   * stale, any other failure is shown as a message.
   */
  async save(run: (current: T) => Promise<void>): Promise<void> {
    const current = this.value();
    if (!current || this.busy()) {
      return;
    }
    this.busy.set(true);
    try {
      await run(current);
    } catch (error) {
      this.value.set({ ...current });
      if (statusOf(error) === 412) {
        this.stale.set(true);
      } else {
        this.notifier.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }

  /** Keeps a form control on the record's value (`pick`) and disabled while `locked`, without emitting changes. */
  bindControl<V>(control: FormControl<V>, pick: (record: T) => V): void {
    effect(
      () => {
        const record = this.value();
        const locked = this.locked();
        untracked(() => {
          if (record) {
            control.setValue(pick(record), { emitEvent: false });
          }
          if (locked) {
            control.disable({ emitEvent: false });
          } else {
            control.enable({ emitEvent: false });
          }
        });
      },
      { injector: this.injector },
    );
  }
}
