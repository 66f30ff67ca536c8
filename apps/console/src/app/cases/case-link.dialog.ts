import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  ALERT_STATUS_LABELS,
  ALERT_STATUS_TONES,
  SeverityChipComponent,
  StatusChipComponent,
  TimeComponent,
  problemMessage,
} from '@copilot/ui';
import { debounceTime, distinctUntilChanged, map, startWith, switchMap } from 'rxjs';
import { AlertCandidate, Case, CasesData } from './cases-data.service';

/** Finds alerts of the case's customer by title and links the ones picked. Closes with the updated case. */
@Component({
  selector: 'cp-case-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCheckbox,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatPrefix,
    MatProgressBar,
    SeverityChipComponent,
    StatusChipComponent,
    TimeComponent,
  ],
  template: `
    <h2 mat-dialog-title>Link alerts of {{ kase.customerCode }}</h2>
    <mat-dialog-content>
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label>Title contains</mat-label>
        <mat-icon matPrefix>search</mat-icon>
        <input matInput type="search" [formControl]="search" data-testid="case-link-search" />
      </mat-form-field>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (error(); as message) {
        <p class="ui-error-text" role="alert">{{ message }}</p>
      }
      <ul class="results" aria-label="Matching alerts">
        @for (alert of results(); track alert.id) {
          <li [attr.data-testid]="'case-link-alert-' + alert.id">
            <mat-checkbox
              [checked]="picked().has(alert.id) || linked.has(alert.id)"
              [disabled]="linked.has(alert.id)"
              (change)="toggle(alert.id, $event.checked)"
            >
              <span class="title">{{ alert.title }}</span>
            </mat-checkbox>
            <span class="meta">
              <ui-severity-chip [severity]="alert.severity" />
              <ui-status-chip [label]="statusLabels[alert.status]" [tone]="statusTones[alert.status]" />
              <span class="ui-muted">#{{ alert.id }} · {{ alert.source }}</span>
              <ui-time [at]="alert.lastEventAt" />
              @if (linked.has(alert.id)) {
                <span class="ui-muted">already linked</span>
              }
            </span>
          </li>
        } @empty {
          @if (!loading()) {
            <li class="ui-muted">No alerts of this customer match.</li>
          }
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="picked().size === 0 || saving()" (click)="link()">
        Link {{ picked().size === 1 ? '1 alert' : picked().size + ' alerts' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .search {
      width: 100%;
      margin: 4px 0 8px;
    }
    .results {
      list-style: none;
      margin: 0;
      padding: 0;
      min-height: 120px;
    }
    li {
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .title {
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-left: 40px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CaseLinkDialog {
  private readonly data = inject(CasesData);
  private readonly ref = inject<MatDialogRef<CaseLinkDialog, Case>>(MatDialogRef);
  protected readonly kase = inject<Case>(MAT_DIALOG_DATA);
  protected readonly linked = new Set(this.kase.alerts.map((a) => a.id));
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly statusTones = ALERT_STATUS_TONES;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly results = signal<AlertCandidate[]>([]);
  protected readonly picked = signal<ReadonlySet<number>>(new Set());
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.search.valueChanges
      .pipe(
        startWith(''),
        map((q) => q.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => this.find(q)),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe();
  }

  protected toggle(id: number, checked: boolean): void {
    this.picked.update((ids) => {
      const next = new Set(ids);
      if (checked) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  }

  protected async link(): Promise<void> {
    this.saving.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.link(this.kase.id, [...this.picked()]));
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }

  private async find(q: string): Promise<void> {
    this.loading.set(true);
    try {
      this.results.set(await this.data.searchAlerts(this.kase.customerCode, q));
      this.error.set(null);
    } catch (error) {
      this.results.set([]);
      this.error.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
