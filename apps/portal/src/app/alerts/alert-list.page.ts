import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
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
  LoadMoreList,
  PageHeaderComponent,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  StatusFilterComponent,
  TimeComponent,
  isAlertSeverity,
  isAlertStatus,
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
    StatusFilterComponent,
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
  protected readonly list = new LoadMoreList<AlertSummary>((cursor) =>
    this.data.list(this.filter(), cursor, PORTAL_ALERT_PAGE_SIZE),
  );
  protected readonly counts = signal<AlertCounts | null>(null);
  protected readonly statusOptions = computed(() =>
    ALERT_STATUSES.map((s) => ({ value: s, label: ALERT_STATUS_LABELS[s], count: this.counts()?.[s] ?? null })),
  );
  protected readonly search = new FormControl(this.filter().title, { nonNullable: true });

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.search.value !== filter.title) {
          this.search.setValue(filter.title, { emitEvent: false });
        }
        void this.list.reload();
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

  protected statusLabel(status: AlertStatus): string {
    return ALERT_STATUS_LABELS[status];
  }

  protected statusTone(status: AlertStatus): ChipTone {
    return ALERT_STATUS_TONES[status];
  }

  protected customerName(code: string): string {
    return this.customers().find((c) => c.customerCode === code)?.name ?? code;
  }

  protected setStatus(selected: string[]): void {
    const picked = selected.filter(isAlertStatus);
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

  private setQuery(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
