import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatAnchor, MatButton, MatIconAnchor, MatIconButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import {
  ChipTone,
  ConfirmService,
  EmptyStateComponent,
  Notifier,
  PageHeaderComponent,
  StatusChipComponent,
  TimeComponent,
  problemMessage,
} from '@copilot/ui';
import { AlertSource, AlertSourcesData } from './alert-sources-data.service';

const PASS_LABELS: Record<string, { label: string; tone: ChipTone }> = {
  succeeded: { label: 'OK', tone: 'success' },
  failed: { label: 'Failed', tone: 'error' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};

/**
 * Alert sources and how ingestion is going for each: cursor, last pass and its error, counters, and the
 * documents no customer could be found for (samples on expand). "Run now" starts a pass and waits for it.
 */
@Component({
  selector: 'cp-source-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecimalPipe,
    RouterLink,
    MatAnchor,
    MatButton,
    MatIconAnchor,
    MatIconButton,
    MatCard,
    MatIcon,
    MatProgressBar,
    MatProgressSpinner,
    MatTableModule,
    MatTooltip,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  templateUrl: './source-list.page.html',
  styleUrl: './source-list.page.scss',
})
export class SourceListPage {
  private readonly data = inject(AlertSourcesData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);
  private destroyed = false;

  protected readonly columns = ['name', 'state', 'cursor', 'lastPass', 'read', 'created', 'repeated', 'unattributed', 'actions'];
  protected readonly sources = signal<AlertSource[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly running = signal(false);
  protected readonly expanded = signal<number | null>(null);
  /** A new array when a row opens or closes, so the table re-evaluates which rows get a detail row. */
  protected readonly rows = computed(() => {
    this.expanded();
    return [...this.sources()];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    void this.load();
  }

  protected pass(status: string | null): { label: string; tone: ChipTone } | null {
    return status === null ? null : (PASS_LABELS[status] ?? { label: status, tone: 'neutral' });
  }

  protected toggle(source: AlertSource): void {
    this.expanded.update((id) => (id === source.id ? null : source.id));
  }

  protected readonly isDetail = (_: number, row: AlertSource) => this.expanded() === row.id;

  protected open(source: AlertSource): void {
    void this.router.navigate(['/alert-sources', source.id]);
  }

  protected async runNow(): Promise<void> {
    this.running.set(true);
    try {
      const final = await this.data.runNow(() => this.destroyed);
      if (final === null) {
        return;
      }
      if (final.status === 'succeeded') {
        this.notifier.success(`Ingestion pass finished${final.summary ? `: ${final.summary}` : '.'}`);
      } else {
        this.notifier.warn(`Ingestion pass failed: ${final.error ?? 'no error recorded'}`);
      }
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.running.set(false);
    }
    await this.load();
  }

  protected async remove(source: AlertSource): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Delete the source “${source.name}”?`,
      message: 'Its documents are no longer read. The alerts it created stay.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.data.remove(source.id);
      this.notifier.success(`Alert source “${source.name}” deleted.`);
      await this.load();
    } catch (error) {
      this.notifier.error(error);
    }
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.sources.set(await this.data.list());
    } catch (error) {
      this.loadError.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
