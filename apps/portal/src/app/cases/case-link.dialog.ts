import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatListItemLine, MatListItemTitle, MatListOption, MatSelectionList, MatSelectionListChange } from '@angular/material/list';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ALERT_STATUS_LABELS, LoadMoreList, SeverityChipComponent, TimeComponent, problemMessage } from '@copilot/ui';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AlertChoice, PortalCasesData } from './cases-data.service';

export const ALERT_PICK_PAGE_SIZE = 20;

export interface CaseLinkData {
  /** Only this customer's alerts can be linked to the case. */
  customerCode: string;
  linked: readonly number[];
  link: (alertIds: number[]) => Promise<void>;
}

/** Picks alerts of the case's organisation by title (already linked ones shown ticked) and links them. */
@Component({
  selector: 'pt-case-link-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatIcon,
    MatInput,
    MatListItemLine,
    MatListItemTitle,
    MatListOption,
    MatSelectionList,
    MatProgressBar,
    SeverityChipComponent,
    TimeComponent,
  ],
  templateUrl: './case-link.dialog.html',
  styleUrl: './case-link.dialog.scss',
})
export class CaseLinkDialog {
  protected readonly data = inject<CaseLinkData>(MAT_DIALOG_DATA);
  private readonly api = inject(PortalCasesData);
  private readonly ref = inject<MatDialogRef<CaseLinkDialog, boolean>>(MatDialogRef);
  protected readonly statusLabels = ALERT_STATUS_LABELS;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly alerts = new LoadMoreList<AlertChoice>((cursor) =>
    this.api.alertChoices(this.data.customerCode, this.search.value.trim(), cursor, ALERT_PICK_PAGE_SIZE),
  );
  protected readonly picked = signal<readonly number[]>([]);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.alerts.reload();
    this.search.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => void this.alerts.reload());
  }

  protected isLinked(alert: AlertChoice): boolean {
    return this.data.linked.includes(alert.id);
  }

  protected isPicked(alert: AlertChoice): boolean {
    return this.picked().includes(alert.id);
  }

  protected changed(event: MatSelectionListChange): void {
    const next = new Set(this.picked());
    for (const option of event.options) {
      const id = option.value as number;
      if (option.selected) {
        next.add(id);
      } else {
        next.delete(id);
      }
    }
    this.picked.set([...next]);
  }

  protected async submit(): Promise<void> {
    const ids = this.picked();
    if (ids.length === 0 || this.saving()) {
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.data.link([...ids]);
      this.ref.close(true);
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }
}
