import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TimeComponent, problemMessage } from '@copilot/ui';
import { Alert, AlertsData } from './alerts-data.service';

/** An opened occurrence: loading (both null), shown (`json`) or failed (`error`, the problem's detail). */
interface OccurrenceState {
  json: string | null;
  error: string | null;
}

function pretty(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

/**
 * What the alert is about: assets and IoCs (each a link to the alerts sharing it), the first event's document,
 * and the latest occurrence documents, fetched from the indexer only when the analyst opens one.
 */
@Component({
  selector: 'cp-alert-evidence',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, RouterLink, TimeComponent],
  templateUrl: './alert-evidence.component.html',
  styleUrl: './alert-evidence.component.scss',
})
export class AlertEvidenceComponent {
  private readonly data = inject(AlertsData);
  readonly alert = input.required<Pick<Alert, 'id' | 'assets' | 'iocs' | 'context' | 'occurrenceRefs' | 'occurrences'>>();

  protected readonly firstShown = signal(false);
  protected readonly firstJson = computed(() => (this.firstShown() ? pretty(this.alert().context?.document ?? {}) : ''));
  /** Occurrence documents the analyst opened, by `index/docId`. */
  protected readonly opened = signal<ReadonlyMap<string, OccurrenceState>>(new Map());

  protected key(ref: { indexName: string; docId: string }): string {
    return `${ref.indexName}/${ref.docId}`;
  }

  protected toggleFirst(event: Event): void {
    this.firstShown.set((event.target as HTMLDetailsElement).open);
  }

  protected async toggle(ref: { indexName: string; docId: string }): Promise<void> {
    const key = this.key(ref);
    if (this.opened().has(key)) {
      this.set(key, null);
      return;
    }
    this.set(key, { json: null, error: null });
    try {
      const doc = await this.data.document(this.alert().id, ref.indexName, ref.docId);
      this.set(key, { json: pretty(doc.document), error: null });
    } catch (error) {
      this.set(key, { json: null, error: problemMessage(error) });
    }
  }

  private set(key: string, state: OccurrenceState | null): void {
    this.opened.update((map) => {
      const next = new Map(map);
      if (state === null) {
        next.delete(key);
      } else {
        next.set(key, state);
      }
      return next;
    });
  }
}
