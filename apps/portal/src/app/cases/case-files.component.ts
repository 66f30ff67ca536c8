import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { FileDropComponent, LoadMoreList, Notifier, TimeComponent, blobProblem, byteSize, problemMessage, saveResponse } from '@copilot/ui';
import { CaseFile, PortalCasesData } from './cases-data.service';

export const CASE_FILE_PAGE_SIZE = 50;

/**
 * Files exchanged on a case: upload (drop or pick; one request per file), the list with size and SHA-256, and
 * download. Deleting is the SOC's call, so it is not offered. Emits `changed` after uploads (the timeline records them).
 */
@Component({
  selector: 'pt-case-files',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FileDropComponent, MatButton, MatIconButton, MatIcon, MatProgressBar, MatTableModule, MatTooltip, TimeComponent],
  templateUrl: './case-files.component.html',
  styleUrl: './case-files.component.scss',
})
export class CaseFilesComponent {
  private readonly data = inject(PortalCasesData);
  private readonly notifier = inject(Notifier);
  readonly caseId = input.required<number>();
  readonly changed = output<void>();
  protected readonly columns = ['name', 'size', 'uploaded', 'sha256', 'actions'];
  protected readonly files = new LoadMoreList<CaseFile>((cursor) =>
    this.data.fileList(this.caseId(), cursor, CASE_FILE_PAGE_SIZE),
  );
  /** The name of the file being sent, while an upload runs. */
  protected readonly uploading = signal<string | null>(null);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly size = byteSize;

  constructor() {
    effect(() => {
      this.caseId();
      untracked(() => void this.files.reload());
    });
  }

  protected async upload(files: File[]): Promise<void> {
    if (this.uploading() !== null) {
      return;
    }
    this.uploadError.set(null);
    let stored = 0;
    try {
      for (const file of files) {
        this.uploading.set(file.name);
        try {
          await this.data.upload(this.caseId(), file);
          stored++;
        } catch (error) {
          // The api names the reason (empty file, too large, a name that is a path): keep going with the others.
          this.uploadError.set(`${file.name}: ${problemMessage(error)}`);
        }
      }
    } finally {
      this.uploading.set(null);
    }
    if (stored > 0) {
      await this.files.reload();
      this.changed.emit();
    }
  }

  protected async download(file: CaseFile): Promise<void> {
    try {
      saveResponse(await this.data.download(this.caseId(), file.id), file.name);
    } catch (error) {
      this.notifier.error(new Error(await blobProblem(error)));
    }
  }
}
