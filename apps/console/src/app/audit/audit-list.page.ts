import { DatePipe } from '@angular/common';
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
import { ActivatedRoute, Router } from '@angular/router';
import { ChipTone, EmptyStateComponent, PageHeaderComponent, StatusChipComponent, problemMessage } from '@copilot/ui';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AUDIT_OUTCOMES, AuditData, AuditEntry, AuditFilter, AuditOutcome } from './audit-data.service';

const PAGE_SIZE = 50;
const TONES: Record<AuditOutcome, ChipTone> = { success: 'success', failure: 'error', denied: 'warning' };

function isOutcome(value: string | null): value is AuditOutcome {
  return value !== null && (AUDIT_OUTCOMES as readonly string[]).includes(value);
}

/** The audit log, newest first, filtered by action prefix and outcome (both in the URL), with "Load more". */
@Component({
  selector: 'cp-audit-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatButton,
    MatCard,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatIcon,
    MatInput,
    MatOption,
    MatProgressBar,
    MatSelect,
    MatTableModule,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
  ],
  templateUrl: './audit-list.page.html',
  styles: `
    .more {
      display: flex;
      justify-content: center;
      padding: 8px;
    }
    code {
      font-size: 12px;
    }
  `,
})
export class AuditListPage {
  private readonly data = inject(AuditData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'outcome', 'status', 'ip'];
  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly filter = toSignal(
    this.route.queryParamMap.pipe(
      map((params): AuditFilter => {
        const outcome = params.get('outcome');
        return { action: params.get('action') ?? '', outcome: isOutcome(outcome) ? outcome : null };
      }),
    ),
    { requireSync: true },
  );
  protected readonly filtered = computed(() => this.filter().action !== '' || this.filter().outcome !== null);
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly actionSearch = new FormControl(this.filter().action, { nonNullable: true });
  private sequence = 0;

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.actionSearch.value !== filter.action) {
          this.actionSearch.setValue(filter.action, { emitEvent: false });
        }
        void this.load(filter, null);
      });
    });
    this.actionSearch.valueChanges
      .pipe(
        map((value) => value.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((action) => this.setQuery({ action: action || null }));
  }

  protected tone(outcome: AuditOutcome): ChipTone {
    return TONES[outcome];
  }

  protected setOutcome(outcome: AuditOutcome | null): void {
    this.setQuery({ outcome });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor !== null) {
      void this.load(this.filter(), cursor);
    }
  }

  /** First page when `cursor` is null (replaces the rows), else the next page (appended). */
  private async load(filter: AuditFilter, cursor: string | null): Promise<void> {
    const ticket = ++this.sequence;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.data.list(filter, cursor, PAGE_SIZE);
      if (ticket !== this.sequence) {
        return;
      }
      this.entries.update((rows) => (cursor === null ? page.items : [...rows, ...page.items]));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (ticket === this.sequence) {
        this.error.set(problemMessage(error));
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
