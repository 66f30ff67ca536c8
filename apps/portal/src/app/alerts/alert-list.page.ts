import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  AlertSeverity,
  AlertStatus,
  ChipTone,
  EmptyStateComponent,
  PageHeaderComponent,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  isAlertSeverity,
  isAlertStatus,
  problemMessage,
} from '@copilot/ui';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AlertCounts, AlertSummary, PortalAlertFilter, PortalAlertsData } from './alerts-data.service';

export const PORTAL_ALERT_PAGE_SIZE = 25;

function parse(params: ParamMap): PortalAlertFilter {
  const list = (key: string) => (params.get(key) ?? '').split(',').map((v) => v.trim());
  return {
    status: ALERT_STATUSES.filter((s) => list('status').filter(isAlertStatus).includes(s)),
    severity: ALERT_SEVERITIES.filter((s) => list('severity').filter(isAlertSeverity).includes(s)),
    customerCode: params.get('customer') || null,
    title: params.get('q')?.trim() ?? '',
  };
}

/** The customer's alerts, newest event first, with status chips and counts, filters in the URL, and "Load more". */
@Component({
  selector: 'pt-alert-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCard,
    MatChipListbox,
    MatChipOption,
    MatOption,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatIcon,
    MatInput,
    MatProgressBar,
    MatSelect,
    MatTableModule,
    EmptyStateComponent,
    PageHeaderComponent,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  templateUrl: './alert-list.page.html',
  styleUrl: './alert-list.page.scss',
})
export class AlertListPage {
  private readonly data = inject(PortalAlertsData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionService);

  protected readonly statuses = ALERT_STATUSES;
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly severities = ALERT_SEVERITIES;
  protected readonly customers = computed(() => this.session.user()?.customers ?? []);
  protected readonly columns = computed(() =>
    this.customers().length > 1
      ? ['severity', 'title', 'customer', 'status', 'lastEvent']
      : ['severity', 'title', 'status', 'lastEvent'],
  );
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(parse)), { requireSync: true });
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return f.status.length + f.severity.length > 0 || f.customerCode !== null || f.title !== '';
  });
  protected readonly alerts = signal<AlertSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly counts = signal<AlertCounts | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly search = new FormControl(this.filter().title, { nonNullable: true });
  private sequence = 0;

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.search.value !== filter.title) {
          this.search.setValue(filter.title, { emitEvent: false });
        }
        void this.load(filter, null);
        this.data.counts(filter).then(
          (counts) => this.counts.set(counts),
          () => this.counts.set(null),
        );
      });
    });
    this.search.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(350),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => this.setQuery({ q: q || null }));
  }

  protected count(status: AlertStatus): number | null {
    return this.counts()?.[status] ?? null;
  }

  protected statusLabel(status: AlertStatus): string {
    return ALERT_STATUS_LABELS[status];
  }

  protected statusTone(status: AlertStatus): ChipTone {
    return ALERT_STATUS_TONES[status];
  }

  protected customerName(code: string): string {
    return this.customers().find((c) => c.customerCode === code)?.name ?? code;
  }

  protected setStatus(event: MatChipListboxChange): void {
    const picked = (event.value as string[]).filter(isAlertStatus);
    this.setQuery({ status: picked.length > 0 && picked.length < ALERT_STATUSES.length ? picked.join(',') : null });
  }

  protected setSeverity(severity: AlertSeverity[]): void {
    this.setQuery({ severity: severity.length > 0 ? severity.join(',') : null });
  }

  protected setCustomer(code: string | null): void {
    this.setQuery({ customer: code });
  }

  protected open(alert: AlertSummary): void {
    void this.router.navigate(['/alerts', alert.id], { state: { back: this.router.url } });
  }

  protected backState(): { back: string } {
    return { back: this.router.url };
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor !== null) {
      void this.load(this.filter(), cursor);
    }
  }

  private async load(filter: PortalAlertFilter, cursor: string | null): Promise<void> {
    const ticket = ++this.sequence;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.data.list(filter, cursor, PORTAL_ALERT_PAGE_SIZE);
      if (ticket === this.sequence) {
        this.alerts.update((rows) => (cursor === null ? page.items : [...rows, ...page.items]));
        this.nextCursor.set(page.nextCursor);
      }
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

  private setQuery(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
