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
import { MatTooltip } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CASE_STATUS_LABELS,
  CASE_STATUS_TONES,
  CASE_STATUSES,
  CaseStatus,
  ChipTone,
  EmptyStateComponent,
  LoadMoreList,
  Notifier,
  PageHeaderComponent,
  SessionService,
  StatusChipComponent,
  StatusFilterComponent,
  TimeComponent,
  isCaseStatus,
  personName,
} from '@copilot/ui';
import { debounceTime, distinctUntilChanged, firstValueFrom, map } from 'rxjs';
import { CustomerSelectComponent } from '../shared/customer-select.component';
import { CaseCreateDialog } from './case-create.dialog';
import { CaseFilter, caseFilterQuery, isCaseFiltered, parseCaseFilter } from './case-filter';
import { AssignableUser, Case, CaseCounts, CaseSummary, CasesData } from './cases-data.service';

export const CASE_PAGE_SIZE = 50;

/**
 * Cases, newest first: status chips, assignee, customer and name filters (all in the URL), keyset pages
 * appended by "Load more", and "New case".
 */
@Component({
  selector: 'cp-case-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCard,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatPrefix,
    MatProgressBar,
    MatSelect,
    MatTableModule,
    MatTooltip,
    CustomerSelectComponent,
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
  private readonly data = inject(CasesData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);

  protected readonly columns = ['name', 'customer', 'status', 'assignee', 'alerts', 'created'];
  protected readonly counts = signal<CaseCounts | null>(null);
  protected readonly statusOptions = computed(() =>
    CASE_STATUSES.map((value) => ({ value, label: CASE_STATUS_LABELS[value], count: this.counts()?.[value] ?? null })),
  );
  protected readonly personName = personName;
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map(parseCaseFilter)), { requireSync: true });
  protected readonly filtered = computed(() => isCaseFiltered(this.filter()));
  protected readonly cases = new LoadMoreList<CaseSummary>((cursor) => this.data.list(this.filter(), cursor, CASE_PAGE_SIZE));
  protected readonly assignees = signal<AssignableUser[]>([]);
  protected readonly meId = computed(() => this.session.user()?.id ?? null);
  protected readonly search = new FormControl(this.filter().text, { nonNullable: true });
  private readonly names = computed(() => new Map(this.assignees().map((u) => [u.id, personName(u)])));

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.search.value.trim() !== filter.text) {
          this.search.setValue(filter.text, { emitEvent: false });
        }
        this.reload();
      });
    });
    this.search.valueChanges
      .pipe(
        map((value) => value.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((text) => this.update({ text }));
    this.data.assignable().then(
      (users) => this.assignees.set(users),
      () => this.assignees.set([]),
    );
  }

  protected statusLabel(status: CaseStatus): string {
    return CASE_STATUS_LABELS[status];
  }

  protected statusTone(status: CaseStatus): ChipTone {
    return CASE_STATUS_TONES[status];
  }

  protected assigneeName(id: number | null): string {
    return id === null ? 'Unassigned' : (this.names().get(id) ?? `User #${id}`);
  }

  protected setStatus(values: string[]): void {
    const picked = values.filter(isCaseStatus);
    // Picking every status is the same as picking none: keep the URL short.
    this.update({ status: picked.length === CASE_STATUSES.length ? [] : picked });
  }

  protected update(change: Partial<CaseFilter>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: caseFilterQuery(change),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  protected refresh(): void {
    this.reload();
  }

  private reload(): void {
    void this.cases.reload();
    this.data.counts(this.filter()).then(
      (counts) => this.counts.set(counts),
      () => this.counts.set(null),
    );
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open<CaseCreateDialog, { customerCode: string | null }, Case>(CaseCreateDialog, {
      data: { customerCode: this.filter().customerCode },
      width: '560px',
      maxWidth: '95vw',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) {
      return;
    }
    const template = created.template;
    this.notifier.success(
      template
        ? `Case #${created.id} created with the template “${template.name}” (${created.tasks.length} tasks).`
        : `Case #${created.id} created; no case template matched.`,
    );
    await this.router.navigate(['/cases', created.id], { state: { back: this.router.url } });
  }

  protected open(row: CaseSummary): void {
    void this.router.navigate(['/cases', row.id], { state: { back: this.router.url } });
  }

  protected backState(): { back: string } {
    return { back: this.router.url };
  }
}
