import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  CASE_STATUS_TONES,
  ChipTone,
  EmptyStateComponent,
  LoadMoreList,
  PageHeaderComponent,
  SessionService,
  StatusChipComponent,
  StatusFilterComponent,
  TimeComponent,
  isCaseStatus,
} from '@copilot/ui';
import { debounceTime, distinctUntilChanged, firstValueFrom, map } from 'rxjs';
import { CaseCreateData, CaseCreateDialog } from './case-create.dialog';
import { Case, CaseCounts, CaseSummary, PortalCaseFilter, PortalCasesData } from './cases-data.service';

export const PORTAL_CASE_PAGE_SIZE = 25;

function parse(params: ParamMap): PortalCaseFilter {
  const picked = (params.get('status') ?? '').split(',').map((v) => v.trim());
  return {
    status: CASE_STATUSES.filter((s) => picked.filter(isCaseStatus).includes(s)),
    customerCode: params.get('customer') || null,
    name: params.get('q')?.trim() ?? '',
  };
}

/** The customer's cases, newest first: status chips, name search and organisation in the URL, "Load more", "New case". */
@Component({
  selector: 'pt-case-list',
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
    StatusChipComponent,
    StatusFilterComponent,
    TimeComponent,
  ],
  templateUrl: './case-list.page.html',
  styleUrl: './case-list.page.scss',
})
export class CaseListPage {
  private readonly data = inject(PortalCasesData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);

  protected readonly counts = signal<CaseCounts | null>(null);
  protected readonly statusOptions = computed(() =>
    CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s], count: this.counts()?.[s] ?? null })),
  );
  protected readonly customers = computed(() => this.session.user()?.customers ?? []);
  protected readonly columns = computed(() =>
    this.customers().length > 1 ? ['name', 'customer', 'status', 'alerts', 'created'] : ['name', 'status', 'alerts', 'created'],
  );
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(parse)), { requireSync: true });
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return f.status.length > 0 || f.customerCode !== null || f.name !== '';
  });
  protected readonly list = new LoadMoreList<CaseSummary>((cursor) =>
    this.data.list(this.filter(), cursor, PORTAL_CASE_PAGE_SIZE),
  );
  protected readonly search = new FormControl(this.filter().name, { nonNullable: true });

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.search.value !== filter.name) {
          this.search.setValue(filter.name, { emitEvent: false });
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

  protected statusLabel(kase: CaseSummary): string {
    return CASE_STATUS_LABELS[kase.status];
  }

  protected statusTone(kase: CaseSummary): ChipTone {
    return CASE_STATUS_TONES[kase.status];
  }

  protected customerName(code: string): string {
    return this.customers().find((c) => c.customerCode === code)?.name ?? code;
  }

  protected setStatus(picked: string[]): void {
    this.setQuery({ status: picked.length > 0 && picked.length < CASE_STATUSES.length ? picked.join(',') : null });
  }

  protected setCustomer(code: string | null): void {
    this.setQuery({ customer: code });
  }

  protected open(kase: CaseSummary): void {
    void this.router.navigate(['/cases', kase.id], { state: this.backState() });
  }

  protected backState(): { back: string } {
    return { back: this.router.url };
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open<CaseCreateDialog, CaseCreateData, Case>(CaseCreateDialog, {
      data: { customers: this.customers(), customerCode: this.filter().customerCode },
      width: '560px',
      autoFocus: 'first-tabbable',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (created) {
      await this.router.navigate(['/cases', created.id], { state: this.backState() });
    }
  }

  private setQuery(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
