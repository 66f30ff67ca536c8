import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { DatePipe } from '@angular/common';
import { MatAnchor } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CursorPager,
  CursorPagerComponent,
  EmptyStateComponent,
  PageHeaderComponent,
  StatusChipComponent,
} from '@copilot/ui';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { Customer, CustomerFilter, CustomersData } from './customers-data.service';

/** Customers with search and an "include inactive" switch, both kept in the URL. */
@Component({
  selector: 'cp-customer-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    DatePipe,
    RouterLink,
    MatAnchor,
    MatCard,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatIcon,
    MatInput,
    MatProgressBar,
    MatSlideToggle,
    MatTableModule,
    CursorPagerComponent,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
  ],
  templateUrl: './customer-list.page.html',
  styles: `
    .name-cell {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .name-cell img {
      border-radius: 4px;
      object-fit: contain;
    }
  `,
})
export class CustomerListPage {
  private readonly data = inject(CustomersData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = ['name', 'customerCode', 'type', 'contact', 'status', 'updatedAt'];
  protected readonly filter = toSignal(
    this.route.queryParamMap.pipe(
      map((params): CustomerFilter => ({ q: params.get('q') ?? '', includeInactive: params.get('inactive') === 'true' })),
    ),
    { requireSync: true },
  );
  protected readonly filtered = computed(() => this.filter().q !== '' || this.filter().includeInactive);
  protected readonly pager = new CursorPager<Customer>((cursor, limit) =>
    this.data.list(this.filter(), cursor, limit),
  );
  protected readonly search = new FormControl(this.filter().q, { nonNullable: true });

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (this.search.value !== filter.q) {
          this.search.setValue(filter.q, { emitEvent: false });
        }
        void this.pager.reload();
      });
    });
    this.search.valueChanges
      .pipe(
        map((value) => value.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => this.setQuery({ q: q || null }));
  }

  protected toggleInactive(checked: boolean): void {
    this.setQuery({ inactive: checked ? 'true' : null });
  }

  protected open(customer: Customer): void {
    void this.router.navigate(['/customers', customer.id]);
  }

  private setQuery(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
