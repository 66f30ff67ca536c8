import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
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
  SessionService,
  StatusChipComponent,
  TimeComponent,
  VersionedRecord,
  injectBackUrl,
} from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { CaseAlertsComponent } from './case-alerts.component';
import { CaseEditData, CaseEditDialog } from './case-edit.dialog';
import { CaseFilesComponent } from './case-files.component';
import { CaseTasksComponent } from './case-tasks.component';
import { Case, CaseEdit, PortalCasesData } from './cases-data.service';

export const CASE_TABS = ['alerts', 'tasks', 'comments', 'timeline', 'files'] as const;

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
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  /** Query parameter `tab`. */
  readonly tab = input<string | undefined>();
  protected readonly back = injectBackUrl('/cases');
  private readonly record = new VersionedRecord<Case>({
    fetch: (id) => this.data.get(id),
    notFound: 'This case does not exist or is not one of yours.',
  });
  protected readonly case = this.record.value;
  protected readonly loading = this.record.loading;
  protected readonly notFound = this.record.notFound;
  protected readonly loadError = this.record.loadError;
  protected readonly busy = this.record.busy;
  protected readonly stale = this.record.stale;
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
    this.record.bindControl(this.status, (kase) => kase.status);
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
      await this.record.refresh();
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
    void this.record.refresh();
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

  protected reload(): Promise<void> {
    return this.record.reload();
  }

  protected goBack(): void {
    void this.router.navigateByUrl(this.back);
  }

  /** One PATCH with the version the user saw; a 412 means someone else changed the case first. */
  private save(edit: CaseEdit): Promise<void> {
    return this.record.save(async (kase) => {
      this.case.set(await this.data.update(kase.id, kase.version, edit));
    });
  }

  /** An id that cannot exist is shown as not found without asking the api. */
  private async load(raw: string): Promise<void> {
    const id = Number(raw);
    if (Number.isInteger(id) && id >= 1) {
      await this.record.load(id);
    } else {
      this.record.markNotFound();
    }
  }
}
