import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  ConfirmService,
  FileDropComponent,
  LoadMoreList,
  Notifier,
  TimeComponent,
  blobProblem,
  byteSize,
  problemMessage,
  saveResponse,
} from '@copilot/ui';
import { Subscription } from 'rxjs';
import { CaseFile, CaseFilesData } from './case-files-data.service';

const FILE_PAGE_SIZE = 50;

/**
 * Evidence files of a case: upload (button or drop, with progress), the list with size and SHA-256,
 * download, delete. Emits after an upload or delete (the timeline records both).
 */
@Component({
  selector: 'cp-case-files',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIconButton, MatIcon, MatProgressBar, MatTableModule, MatTooltip, FileDropComponent, TimeComponent],
  template: `
    <ui-file-drop
      [multiple]="false"
      hint="Drop a file here, or"
      buttonLabel="Choose a file"
      [disabled]="uploading() !== null || disabled()"
      (files)="send($event[0])"
    />
    @if (uploading(); as up) {
      <div class="upload" aria-live="polite">
        <span>Uploading {{ up.name }}…</span>
        <mat-progress-bar [mode]="up.fraction === null ? 'indeterminate' : 'determinate'" [value]="(up.fraction ?? 0) * 100" />
      </div>
    }
    @if (error(); as message) {
      <p class="ui-error-text" role="alert">{{ message }}</p>
    }
    @if (files.loading() && files.items().length === 0) {
      <mat-progress-bar mode="indeterminate" />
    } @else if (files.empty()) {
      <p class="ui-muted">No files yet.</p>
    } @else {
      <div class="scroll">
        <table mat-table [dataSource]="files.items()" aria-label="Case files">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>Name</th>
            <td mat-cell *matCellDef="let f" class="name">{{ f.name }}</td>
          </ng-container>
          <ng-container matColumnDef="size">
            <th mat-header-cell *matHeaderCellDef>Size</th>
            <td mat-cell *matCellDef="let f" class="size" [title]="f.size + ' bytes'">{{ size(f.size) }}</td>
          </ng-container>
          <ng-container matColumnDef="sha256">
            <th mat-header-cell *matHeaderCellDef>SHA-256</th>
            <td mat-cell *matCellDef="let f"><code class="hash">{{ f.sha256 }}</code></td>
          </ng-container>
          <ng-container matColumnDef="uploaded">
            <th mat-header-cell *matHeaderCellDef>Uploaded</th>
            <td mat-cell *matCellDef="let f">
              <ui-time [at]="f.createdAt" />
              <div class="ui-muted small">by {{ f.uploadedBy }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let f" class="actions">
              <button mat-icon-button type="button" aria-label="Download" matTooltip="Download" (click)="download(f)">
                <mat-icon>download</mat-icon>
              </button>
              <button mat-icon-button type="button" aria-label="Delete file" matTooltip="Delete" [disabled]="disabled()" (click)="remove(f)">
                <mat-icon>delete_outline</mat-icon>
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'case-file-' + row.name"></tr>
        </table>
      </div>
      @if (files.hasMore()) {
        <div class="more"><button mat-stroked-button type="button" [disabled]="files.loading()" (click)="files.more()">Load more</button></div>
      }
    }
    @if (files.error(); as message) {
      <p class="ui-error-text" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    ui-file-drop {
      display: block;
      margin-bottom: 12px;
    }
    .upload {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 12px;
    }
    .scroll {
      overflow-x: auto;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .size {
      white-space: nowrap;
    }
    .hash {
      font-size: 12px;
      word-break: break-all;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .actions {
      white-space: nowrap;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 8px;
    }
  `,
})
export class CaseFilesComponent {
  private readonly data = inject(CaseFilesData);
  private readonly confirmer = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  readonly caseId = input.required<number>();
  readonly disabled = input(false);
  readonly changed = output<void>();
  protected readonly columns = ['name', 'size', 'sha256', 'uploaded', 'actions'];
  protected readonly size = byteSize;
  protected readonly files = new LoadMoreList<CaseFile>((cursor) => this.data.list(this.caseId(), cursor, FILE_PAGE_SIZE));
  /** Upload and download failures (the list shows its own). */
  protected readonly error = signal<string | null>(null);
  protected readonly uploading = signal<{ name: string; fraction: number | null } | null>(null);
  private upload: Subscription | null = null;

  constructor() {
    effect(() => {
      this.caseId();
      untracked(() => void this.files.reload());
    });
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
  }

  protected async download(file: CaseFile): Promise<void> {
    try {
      saveResponse(await this.data.download(this.caseId(), file.id), file.name);
    } catch (error) {
      this.error.set(await blobProblem(error));
    }
  }

  protected async remove(file: CaseFile): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Delete ${file.name}?`,
      message: 'The file is removed from the case and from storage for good.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await this.data.remove(this.caseId(), file.id);
      this.notifier.success(`${file.name} deleted.`);
      await this.files.reload();
      this.changed.emit();
    } catch (error) {
      this.notifier.error(error);
    }
  }

  protected send(file: File | undefined): void {
    if (!file || this.uploading() !== null || this.disabled()) {
      return;
    }
    if (file.size === 0) {
      this.error.set(`${file.name} is empty; there is nothing to upload.`);
      return;
    }
    this.error.set(null);
    this.uploading.set({ name: file.name, fraction: 0 });
    this.upload = this.data.upload(this.caseId(), file).subscribe({
      next: (event) => {
        if (event.kind === 'progress') {
          this.uploading.set({ name: file.name, fraction: event.fraction });
        } else {
          this.uploading.set(null);
          this.notifier.success(`${event.result.name} uploaded.`);
          void this.files.reload();
          this.changed.emit();
        }
      },
      error: (error: unknown) => {
        this.uploading.set(null);
        this.error.set(problemMessage(error));
      },
    });
  }
}
