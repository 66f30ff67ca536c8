import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  ALERT_STATUSES,
  AlertStatus,
  ChipTone,
  EmptyStateComponent,
  isAlertStatus,
  PageHeaderComponent,
  problemMessage,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  Verdict,
  VERDICT_TONES,
  verdictText,
} from '@copilot/ui';
import { map } from 'rxjs';
import { AlertFilter, filterQuery, isFiltered, parseFilter } from './alert-filter';
import { AlertFiltersComponent } from './alert-filters.component';
import { AlertCounts, AlertSummary, AlertsData, AssignableUser } from './alerts-data.service';

export const ALERT_PAGE_SIZE = 50;

/** Everything but the status: what the per-status counts depend on. */
function countKey(filter: AlertFilter): string {
  return JSON.stringify({ ...filter, status: [] });
}

/**
 * The alert queue, newest event first: status chips with counts, filters (all in the URL), keyset pages
 * appended by "Load more", and a row per alert that opens its detail.
 */
@Component({
  selector: 'cp-alert-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButton,
    MatCard,
    MatChipListbox,
    MatChipOption,
    MatIcon,
    MatProgressBar,
    MatTableModule,
    MatTooltip,
    EmptyStateComponent,
    PageHeaderComponent,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
    AlertFiltersComponent,
  ],
  templateUrl: './alert-list.page.html',
  styleUrl: './alert-list.page.scss',
})
export class AlertListPage {
  private readonly data = inject(AlertsData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionService);

  protected readonly columns = ['severity', 'title', 'customer', 'status', 'assignee', 'verdict', 'lastEvent'];
  protected readonly statuses = ALERT_STATUSES;
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly verdictText = verdictText;
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(parseFilter)), { requireSync: true });
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly alerts = signal<AlertSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly counts = signal<AlertCounts | null>(null);
  protected readonly assignees = signal<AssignableUser[]>([]);
  protected readonly meId = computed(() => this.session.user()?.id ?? null);
  protected readonly matching = computed(() => {
    const counts = this.counts();
    const status = this.filter().status;
    if (!counts) {
      return null;
    }
    return status.length === 0 ? counts.total : status.reduce((sum, s) => sum + counts[s], 0);
  });
  private readonly names = computed(() => new Map(this.assignees().map((u) => [u.id, u.displayName || u.username])));
  /** The moment a relative range ("last 24 hours") is measured from, fixed per reload so pages agree. */
  private anchor = new Date();
  private sequence = 0;
  private countsFor = '';

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => this.reload(filter));
    });
    this.data.assignable().then(
      (users) => this.assignees.set(users),
      () => this.assignees.set([]),
    );
  }

  protected statusLabel(status: AlertStatus): string {
    return ALERT_STATUS_LABELS[status];
  }

  protected statusTone(status: AlertStatus): ChipTone {
    return ALERT_STATUS_TONES[status];
  }

  protected verdictTone(verdict: Verdict): ChipTone {
    return VERDICT_TONES[verdict];
  }

  protected assigneeName(id: number | null): string {
    if (id === null) {
      return 'Unassigned';
    }
    return this.names().get(id) ?? `User #${id}`;
  }

  protected count(status: string): number | null {
    const counts = this.counts();
    return counts && isAlertStatus(status) ? counts[status] : null;
  }

  protected setStatus(event: MatChipListboxChange): void {
    const picked = (event.value as string[]).filter(isAlertStatus);
    // Picking every status is the same as picking none: keep the URL short.
    this.update({ status: picked.length === ALERT_STATUSES.length ? [] : picked });
  }

  protected update(change: Partial<AlertFilter>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filterQuery(change),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected refresh(): void {
    this.countsFor = '';
    this.reload(this.filter());
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor !== null) {
      void this.load(this.filter(), cursor);
    }
  }

  protected open(alert: AlertSummary): void {
    void this.router.navigate(['/alerts', alert.id], { state: { back: this.router.url } });
  }

  protected backState(): { back: string } {
    return { back: this.router.url };
  }

  private reload(filter: AlertFilter): void {
    this.anchor = new Date();
    void this.load(filter, null);
    const key = countKey(filter);
    if (key !== this.countsFor) {
      this.countsFor = key;
      void this.loadCounts(filter, key);
    }
  }

  private async loadCounts(filter: AlertFilter, key: string): Promise<void> {
    try {
      const counts = await this.data.counts(filter, this.anchor);
      if (key === this.countsFor) {
        this.counts.set(counts);
      }
    } catch {
      // The list reports the failure; chips just go without numbers.
      if (key === this.countsFor) {
        this.counts.set(null);
      }
    }
  }

  /** First page when `cursor` is null (replaces the rows), else the next page (appended). */
  private async load(filter: AlertFilter, cursor: string | null): Promise<void> {
    const ticket = ++this.sequence;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.data.list(filter, cursor, ALERT_PAGE_SIZE, this.anchor);
      if (ticket !== this.sequence) {
        return;
      }
      this.alerts.update((rows) => (cursor === null ? page.items : [...rows, ...page.items]));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (ticket === this.sequence) {
        this.error.set(problemMessage(error));
        if (cursor === null) {
          this.alerts.set([]);
          this.nextCursor.set(null);
        }
      }
    } finally {
      if (ticket === this.sequence) {
        this.loading.set(false);
      }
    }
  }
}
