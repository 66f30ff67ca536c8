import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatAnchor, MatIconButton } from '@angular/material/button';
import { MatCard } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  ConfirmService,
  CursorPager,
  CursorPagerComponent,
  EmptyStateComponent,
  Notifier,
  PageHeaderComponent,
  TimeComponent,
} from '@copilot/ui';
import { map } from 'rxjs';
import { CustomerSelectComponent } from '../shared/customer-select.component';
import { CaseTemplate, CaseTemplatesData } from './case-templates-data.service';

/**
 * Case templates by name, optionally of one customer (`?customer=` in the URL). A new case gets the tasks of the
 * most specific template: customer and source, then customer, then source, then the default.
 */
@Component({
  selector: 'cp-case-template-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatAnchor,
    MatIconButton,
    MatCard,
    MatIcon,
    MatProgressBar,
    MatTableModule,
    MatTooltip,
    CursorPagerComponent,
    CustomerSelectComponent,
    EmptyStateComponent,
    PageHeaderComponent,
    TimeComponent,
  ],
  templateUrl: './case-template-list.page.html',
  styles: `
    .filters {
      max-width: 420px;
      margin-bottom: 16px;
    }
    .name a {
      font: var(--mat-sys-title-small);
    }
    .any {
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
    }
  `,
})
export class CaseTemplateListPage {
  private readonly data = inject(CaseTemplatesData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly confirmer = inject(ConfirmService);
  private readonly notifier = inject(Notifier);

  protected readonly columns = ['name', 'customer', 'source', 'tasks', 'updated', 'actions'];
  protected readonly customer = toSignal(this.route.queryParamMap.pipe(map((p) => p.get('customer') || null)), { requireSync: true });
  protected readonly pager = new CursorPager<CaseTemplate>((cursor, limit) => this.data.list(this.customer(), cursor, limit));

  constructor() {
    effect(() => {
      this.customer();
      untracked(() => void this.pager.reload());
    });
  }

  protected mandatory(template: CaseTemplate): number {
    return template.tasks.filter((t) => t.mandatory).length;
  }

  protected setCustomer(code: string | null): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { customer: code }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected open(template: CaseTemplate): void {
    void this.router.navigate(['/case-templates', template.id]);
  }

  protected async remove(template: CaseTemplate): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Delete the template “${template.name}”?`,
      message: 'New cases no longer get its tasks. Cases already made from it keep theirs.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.data.remove(template.id);
      this.notifier.success(`Template “${template.name}” deleted.`);
      await this.pager.refresh();
    } catch (error) {
      this.notifier.error(error);
    }
  }
}
