import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import {
  ALERT_STATUSES,
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  CommentsComponent,
  AlertStatus,
  AlertTimelineComponent,
  EmptyStateComponent,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  VERDICT_TONES,
  VersionedRecord,
  injectBackUrl,
  verdictText,
} from '@copilot/ui';
import { Alert, PortalAlertsData } from './alerts-data.service';

/** One alert for the customer: what was detected, its status (which the customer may move), comments, history. */
@Component({
  selector: 'pt-alert-detail',
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
    CommentsComponent,
    AlertTimelineComponent,
    EmptyStateComponent,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  templateUrl: './alert-detail.page.html',
  styleUrl: './alert-detail.page.scss',
})
export class AlertDetailPage {
  private readonly data = inject(PortalAlertsData);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly back = injectBackUrl('/alerts');
  private readonly record = new VersionedRecord<Alert>({
    fetch: (id) => this.data.get(id),
    notFound: 'This alert does not exist or is not one of yours.',
  });
  protected readonly alert = this.record.value;
  protected readonly loading = this.record.loading;
  protected readonly loadError = this.record.loadError;
  protected readonly busy = this.record.busy;
  protected readonly stale = this.record.stale;
  /** Follows the server's state: a refused change (412, 403) puts it back. */
  protected readonly status = new FormControl<AlertStatus>('OPEN', { nonNullable: true });
  protected readonly statuses = ALERT_STATUSES;
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly statusTones = ALERT_STATUS_TONES;
  protected readonly verdictTones = VERDICT_TONES;
  protected readonly verdictText = verdictText;
  /** The portal cannot list the SOC's users: assignee changes name no one. */
  protected readonly analyst = () => 'an analyst';
  protected readonly customerName = computed(() => {
    const code = this.alert()?.customerCode;
    return this.session.user()?.customers.find((c) => c.customerCode === code)?.name ?? code ?? '';
  });

  constructor() {
    effect(() => {
      const id = Number(this.id());
      untracked(() => void this.record.load(id));
    });
    this.record.bindControl(this.status, (alert) => alert.status);
  }

  protected setStatus(status: AlertStatus): Promise<void> {
    if (status === this.alert()?.status) {
      return Promise.resolve();
    }
    return this.record.save(async (alert) => {
      await this.data.setStatus(alert.id, alert.version, status);
      await this.record.refresh();
    });
  }

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

  protected goBack(): void {
    void this.router.navigateByUrl(this.back);
  }
}
