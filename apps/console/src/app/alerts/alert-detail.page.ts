import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import {
  ALERT_STATUS_LABELS,
  CommentsComponent,
  AlertTimelineComponent,
  ALERT_STATUS_TONES,
  ConfirmService,
  EmptyStateComponent,
  Notifier,
  REASON_LABELS,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  VERDICT_TONES,
  VersionedRecord,
  injectBackUrl,
  verdictText,
} from '@copilot/ui';
import { AlertEvidenceComponent } from './alert-evidence.component';
import { AlertTriageComponent } from './alert-triage.component';
import { Alert, AlertPatch, AlertsData, AssignableUser } from './alerts-data.service';

/** One alert: what happened, triage, comments and the timeline of every change. */
@Component({
  selector: 'cp-alert-detail',
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
    EmptyStateComponent,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
    CommentsComponent,
    AlertTimelineComponent,
    AlertEvidenceComponent,
    AlertTriageComponent,
  ],
  templateUrl: './alert-detail.page.html',
  styleUrl: './alert-detail.page.scss',
})
export class AlertDetailPage {
  private readonly data = inject(AlertsData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly back = injectBackUrl('/alerts');
  private readonly record = new VersionedRecord<Alert>({
    fetch: (id) => this.data.get(id),
    notFound: 'This alert does not exist or is outside your customers.',
    loaded: (alert) => void this.lookUpCustomer(alert.customerCode),
  });
  protected readonly alert = this.record.value;
  protected readonly loading = this.record.loading;
  protected readonly loadError = this.record.loadError;
  protected readonly busy = this.record.busy;
  /** Someone else changed the alert after it was loaded: saves are refused (412) until a reload. */
  protected readonly stale = this.record.stale;
  protected readonly assignees = signal<AssignableUser[]>([]);
  /** The alert's customer's name, looked up once per code (the alert carries only the code). */
  protected readonly customerName = signal<string | null>(null);
  protected readonly meId = computed(() => this.session.user()?.id ?? null);
  protected readonly canDelete = computed(() => this.session.scopes().some((s) => s === 'admin' || s === 'analyst'));
  protected readonly names = computed(() => new Map(this.assignees().map((u) => [u.id, u.displayName || u.username])));
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly statusTones = ALERT_STATUS_TONES;
  protected readonly verdictTones = VERDICT_TONES;
  protected readonly reasonLabels = REASON_LABELS;
  protected readonly verdictText = verdictText;
  protected readonly hasEvidence = computed(() => {
    const a = this.alert();
    return !!a && (a.assets.length > 0 || a.iocs.length > 0 || a.context !== null || a.occurrenceRefs.length > 0);
  });

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

  protected patch(body: AlertPatch): Promise<void> {
    return this.record.save(async (alert) => {
      const saved = await this.data.patch(alert.id, alert.version, body);
      this.alert.set({ ...alert, ...saved });
      // The timeline and comments changed too.
      await this.record.refresh();
    });
  }

  /** Posts a comment (the comment box calls this), then reloads: the timeline records the comment too. */
  protected readonly sendComment = async (body: string): Promise<void> => {
    const alert = this.alert();
    if (alert) {
      await this.data.comment(alert.id, body);
      await this.record.refresh();
    }
  };

  protected reload(): Promise<void> {
    return this.record.reload();
  }

  protected async remove(): Promise<void> {
    const alert = this.alert();
    if (!alert) {
      return;
    }
    const confirmed = await this.confirmer.confirm({
      title: `Delete alert #${alert.id}?`,
      message: `“${alert.title}” is removed for good, with its tags, comments and timeline.`,
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    this.busy.set(true);
    try {
      await this.data.remove(alert.id);
      this.notifier.success(`Alert #${alert.id} deleted.`);
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

  private async lookUpCustomer(code: string): Promise<void> {
    try {
      const match = (await this.data.searchCustomers(code)).find((c) => c.customerCode === code);
      this.customerName.set(match?.name ?? null);
    } catch {
      // The code alone is shown.
      this.customerName.set(null);
    }
  }
}
