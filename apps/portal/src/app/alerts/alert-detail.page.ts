import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
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
  AlertCommentsComponent,
  AlertStatus,
  AlertTimelineComponent,
  EmptyStateComponent,
  Notifier,
  SessionService,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  VERDICT_TONES,
  problemMessage,
  statusOf,
  verdictText,
} from '@copilot/ui';
import { Alert, PortalAlertsData } from './alerts-data.service';

function backUrl(state: unknown): string {
  const back = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)['back'] : null;
  return typeof back === 'string' && /^\/alerts(\?|$)/.test(back) ? back : '/alerts';
}

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
    AlertCommentsComponent,
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
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  protected readonly back = backUrl(this.router.currentNavigation()?.extras.state ?? inject(Location).getState());
  protected readonly alert = signal<Alert | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly stale = signal(false);
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
      untracked(() => void this.load(id));
    });
    effect(() => {
      const alert = this.alert();
      const locked = this.busy() || this.stale();
      untracked(() => {
        if (alert) {
          this.status.setValue(alert.status, { emitEvent: false });
        }
        if (locked) {
          this.status.disable({ emitEvent: false });
        } else {
          this.status.enable({ emitEvent: false });
        }
      });
    });
  }

  protected async setStatus(status: AlertStatus): Promise<void> {
    const alert = this.alert();
    if (!alert || this.busy() || status === alert.status) {
      return;
    }
    this.busy.set(true);
    try {
      await this.data.setStatus(alert.id, alert.version, status);
      await this.refresh(alert.id);
    } catch (error) {
      this.alert.set({ ...alert });
      if (statusOf(error) === 412) {
        this.stale.set(true);
      } else {
        this.notifier.error(error);
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected readonly sendComment = async (body: string): Promise<void> => {
    const alert = this.alert();
    if (alert) {
      await this.data.comment(alert.id, body);
      await this.refresh(alert.id);
    }
  };

  protected async reload(): Promise<void> {
    const alert = this.alert();
    if (alert) {
      await this.load(alert.id);
    }
  }

  protected goBack(): void {
    void this.router.navigateByUrl(this.back);
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      this.alert.set(await this.data.get(id));
      this.stale.set(false);
    } catch (error) {
      this.alert.set(null);
      this.loadError.set(statusOf(error) === 404 ? 'This alert does not exist or is not one of yours.' : problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async refresh(id: number): Promise<void> {
    try {
      this.alert.set(await this.data.get(id));
    } catch (error) {
      this.notifier.error(error);
    }
  }
}
