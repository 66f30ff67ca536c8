import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTab, MatTabContent, MatTabGroup } from '@angular/material/tabs';
import { ActivatedRoute, Router } from '@angular/router';
import {
  CASE_STATUS_LABELS,
  CASE_STATUS_TONES,
  CaseTimelineComponent,
  CommentsComponent,
  ConfirmService,
  EmptyStateComponent,
  Notifier,
  SessionService,
  StatusChipComponent,
  TimeComponent,
  VersionedRecord,
  injectBackUrl,
  personName,
} from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { CaseAlertsComponent } from './case-alerts.component';
import { CaseCloseDialog, CloseChoice } from './case-close.dialog';
import { CaseFilesComponent } from './case-files.component';
import { CaseReportsComponent } from './case-reports.component';
import { CaseTasksComponent } from './case-tasks.component';
import { CaseTriageComponent } from './case-triage.component';
import { AssignableUser, Case, CasePatch, CasesData } from './cases-data.service';

/** The tabs, in order, as they appear in `?tab=`. */
export const CASE_TABS = ['alerts', 'tasks', 'comments', 'timeline', 'files', 'reports'] as const;

/** One case: header and triage, then linked alerts, tasks, comments, timeline, files and reports in tabs. */
@Component({
  selector: 'cp-case-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatIconButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardTitle,
    MatIcon,
    MatProgressBar,
    MatTab,
    MatTabContent,
    MatTabGroup,
    CommentsComponent,
    EmptyStateComponent,
    StatusChipComponent,
    TimeComponent,
    CaseAlertsComponent,
    CaseFilesComponent,
    CaseReportsComponent,
    CaseTasksComponent,
    CaseTimelineComponent,
    CaseTriageComponent,
  ],
  templateUrl: './case-detail.page.html',
  styleUrl: './case-detail.page.scss',
})
export class CaseDetailPage {
  private readonly data = inject(CasesData);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  /** Query parameter `tab`. */
  readonly tab = input<string | undefined>(undefined);
  protected readonly back = injectBackUrl('/cases');
  private readonly record = new VersionedRecord<Case>({
    fetch: (id) => this.data.get(id),
    notFound: 'This case does not exist or is outside your customers.',
  });
  protected readonly case = this.record.value;
  protected readonly loading = this.record.loading;
  protected readonly loadError = this.record.loadError;
  protected readonly busy = this.record.busy;
  /** Someone else changed the case after it was loaded: saves are refused (412) until a reload. */
  protected readonly stale = this.record.stale;
  protected readonly assignees = signal<AssignableUser[]>([]);
  protected readonly meId = computed(() => this.session.user()?.id ?? null);
  protected readonly names = computed(() => new Map(this.assignees().map((u) => [u.id, personName(u)])));
  protected readonly tabIndex = computed(() => Math.max(0, CASE_TABS.indexOf(this.tab() as (typeof CASE_TABS)[number])));
  protected readonly statusLabels = CASE_STATUS_LABELS;
  protected readonly statusTones = CASE_STATUS_TONES;
  protected readonly tasksFinished = computed(() => this.case()?.tasks.filter((t) => t.status !== 'TODO').length ?? 0);

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.record.load(id));
    });
    this.data.assignable().then(
      (users) => this.assignees.set(users),
      () => this.assignees.set([]),
    );
  }

  protected assigneeName(id: number | null): string {
    return id === null ? 'Unassigned' : (this.names().get(id) ?? `User #${id}`);
  }

  protected selectTab(index: number): void {
    const tab = index === 0 ? null : CASE_TABS[index];
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tab }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected patch(body: CasePatch): Promise<void> {
    return this.record.save(async (kase) => {
      this.case.set(await this.data.patch(kase.id, kase.version, body));
    });
  }

  protected async close(): Promise<void> {
    const kase = this.case();
    if (!kase) {
      return;
    }
    const ref = this.dialog.open<CaseCloseDialog, Case, CloseChoice>(CaseCloseDialog, { data: kase, width: '480px' });
    const choice = await firstValueFrom(ref.afterClosed());
    if (choice) {
      await this.patch({ status: 'CLOSED', ...(choice.closeLinkedAlerts ? { closeLinkedAlerts: true } : {}) });
    }
  }

  /** Posts a comment (the comment box calls this), then reloads: the timeline records the comment too. */
  protected readonly sendComment = async (body: string): Promise<void> => {
    const kase = this.case();
    if (kase) {
      await this.data.comment(kase.id, body);
      await this.record.refresh();
    }
  };

  /**
   * After a change made by a tab (links, tasks, files): the case, its version and timeline changed. Changes
   * made here bump the version too: only a change by someone else makes the case stale.
   */
  protected refresh(): Promise<void> {
    return this.record.refresh();
  }

  protected reload(): Promise<void> {
    return this.record.reload();
  }

  protected async remove(): Promise<void> {
    const kase = this.case();
    if (!kase) {
      return;
    }
    const confirmed = await this.confirmer.confirm({
      title: `Delete case #${kase.id}?`,
      message: `“${kase.name}” is removed for good, with its tasks, comments and timeline. Its alerts stay.`,
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    this.busy.set(true);
    try {
      await this.data.remove(kase.id);
      this.notifier.success(`Case #${kase.id} deleted.`);
      await this.router.navigateByUrl(this.back);
    } catch (error) {
      this.notifier.error(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected goBack(): void {
    void this.router.navigateByUrl(this.back);
  }
}
