import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTab, MatTabContent, MatTabGroup } from '@angular/material/tabs';
import { Router } from '@angular/router';
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  CASE_STATUS_TONES,
  CaseStatus,
  CaseTimelineComponent,
  CommentsComponent,
  EmptyStateComponent,
  Notifier,
  SessionService,
  StatusChipComponent,
  TimeComponent,
  problemMessage,
  statusOf,
} from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { CaseAlertsComponent } from './case-alerts.component';
import { CaseEditData, CaseEditDialog } from './case-edit.dialog';
import { CaseFilesComponent } from './case-files.component';
import { CaseTasksComponent } from './case-tasks.component';
import { Case, CaseEdit, PortalCasesData } from './cases-data.service';

export const CASE_TABS = ['alerts', 'tasks', 'comments', 'timeline', 'files'] as const;

function backUrl(state: unknown): string {
  const back = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)['back'] : null;
  return typeof back === 'string' && /^\/cases(\?|$)/.test(back) ? back : '/cases';
}

/** One case for the customer: status and details they may edit, linked alerts, tasks, comments, history and files. */
@Component({
  selector: 'pt-case-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardTitle,
    MatIcon,
    MatProgressBar,
    MatTab,
    MatTabContent,
    MatTabGroup,
    CaseAlertsComponent,
    CaseFilesComponent,
    CaseTasksComponent,
    CaseTimelineComponent,
    CommentsComponent,
    EmptyStateComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  templateUrl: './case-detail.page.html',
  styleUrl: './case-detail.page.scss',
})
export class CaseDetailPage {
  private readonly data = inject(PortalCasesData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  /** Query parameter `tab`. */
  readonly tab = input<string | undefined>();
  protected readonly back = backUrl(this.router.currentNavigation()?.extras.state ?? inject(Location).getState());
  protected readonly case = signal<Case | null>(null);
  protected readonly loading = signal(true);
  protected readonly notFound = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly stale = signal(false);
  /** Follows the server's state: a refused change (412, 403) puts it back. */
  protected readonly status = new FormControl<CaseStatus>('OPEN', { nonNullable: true });
  protected readonly statuses = CASE_STATUSES;
  protected readonly statusLabels = CASE_STATUS_LABELS;
  protected readonly statusTones = CASE_STATUS_TONES;
  protected readonly tabIndex = computed(() => Math.max(0, CASE_TABS.indexOf(this.tab() as (typeof CASE_TABS)[number])));
  /** The portal cannot list the SOC's users: assignee changes name no one. */
  protected readonly analyst = () => 'an analyst';
  protected readonly customerName = computed(() => {
    const code = this.case()?.customerCode;
    return this.session.user()?.customers.find((c) => c.customerCode === code)?.name ?? code ?? '';
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    effect(() => {
      const kase = this.case();
      const locked = this.busy() || this.stale();
      untracked(() => {
        if (kase) {
          this.status.setValue(kase.status, { emitEvent: false });
        }
        if (locked) {
          this.status.disable({ emitEvent: false });
        } else {
          this.status.enable({ emitEvent: false });
        }
      });
    });
  }

  protected setStatus(status: CaseStatus): Promise<void> {
    return status === this.case()?.status ? Promise.resolve() : this.save({ status });
  }

  protected async edit(): Promise<void> {
    const kase = this.case();
    if (!kase || this.busy()) {
      return;
    }
    const ref = this.dialog.open<CaseEditDialog, CaseEditData, CaseEdit>(CaseEditDialog, {
      data: { name: kase.name, description: kase.description },
      width: '640px',
    });
    const edit = await firstValueFrom(ref.afterClosed());
    if (edit) {
      await this.save(edit);
    }
  }

  protected readonly sendComment = async (body: string): Promise<void> => {
    const kase = this.case();
    if (kase) {
      await this.data.comment(kase.id, body);
      await this.refresh(kase.id);
    }
  };

  protected readonly linkAlerts = async (alertIds: number[]): Promise<void> => {
    const kase = this.case();
    if (kase) {
      this.case.set(await this.data.link(kase.id, alertIds));
    }
  };

  /** Files do not change the case itself, only its timeline. */
  protected filesChanged(): void {
    const kase = this.case();
    if (kase) {
      void this.refresh(kase.id);
    }
  }

  protected selectTab(index: number): void {
    if (index === this.tabIndex()) {
      return;
    }
    void this.router.navigate([], {
      queryParams: { tab: index === 0 ? null : CASE_TABS[index] },
      queryParamsHandling: 'merge',
      replaceUrl: true,
      state: { back: this.back },
    });
  }

  protected async reload(): Promise<void> {
    const kase = this.case();
    if (kase) {
      await this.load(String(kase.id));
    }
  }

  protected goBack(): void {
    void this.router.navigateByUrl(this.back);
  }

  /** One PATCH with the version the user saw; a 412 means someone else changed the case first. */
  private async save(edit: CaseEdit): Promise<void> {
    const kase = this.case();
    if (!kase || this.busy()) {
      return;
    }
    this.busy.set(true);
    try {
      this.case.set(await this.data.update(kase.id, kase.version, edit));
    } catch (error) {
      this.case.set({ ...kase });
      if (statusOf(error) === 412) {
        this.stale.set(true);
      } else {
        this.notifier.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async load(raw: string): Promise<void> {
    const id = Number(raw);
    this.loading.set(true);
    this.loadError.set(null);
    this.notFound.set(false);
    try {
      if (!Number.isInteger(id) || id < 1) {
        this.case.set(null);
        this.notFound.set(true);
        return;
      }
      this.case.set(await this.data.get(id));
      this.stale.set(false);
    } catch (error) {
      this.case.set(null);
      this.notFound.set(statusOf(error) === 404);
      this.loadError.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async refresh(id: number): Promise<void> {
    try {
      this.case.set(await this.data.get(id));
    } catch (error) {
      this.notifier.error(error);
    }
  }
}
