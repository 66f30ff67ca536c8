import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAnchor } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
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
import { roleLabel } from './roles';
import { User, UsersData } from './users-data.service';

/** Accounts with a search kept in the URL (`?q=`). */
@Component({
  selector: 'cp-user-list',
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
    MatTableModule,
    CursorPagerComponent,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
  ],
  templateUrl: './user-list.page.html',
})
export class UserListPage {
  private readonly data = inject(UsersData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = ['username', 'displayName', 'email', 'role', 'customers', 'status', 'lastLoginAt'];
  protected readonly roleLabel = roleLabel;
  protected readonly q = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('q') ?? '')), {
    requireSync: true,
  });
  protected readonly pager = new CursorPager<User>((cursor, limit) => this.data.list(this.q(), cursor, limit));
  protected readonly search = new FormControl(this.q(), { nonNullable: true });

  constructor() {
    effect(() => {
      const q = this.q();
      untracked(() => {
        if (this.search.value !== q) {
          this.search.setValue(q, { emitEvent: false });
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
      .subscribe((q) =>
        this.router.navigate([], {
          relativeTo: this.route,
          queryParams: { q: q || null },
          queryParamsHandling: 'merge',
          replaceUrl: true,
        }),
      );
  }

  protected open(user: User): void {
    void this.router.navigate(['/users', user.id]);
  }
}
