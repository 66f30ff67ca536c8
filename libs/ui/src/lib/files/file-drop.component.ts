import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/**
 * A drop zone with a "Choose a file" button: emits the files dropped or picked. The feature uploads them
 * (one request per file) and shows its own progress.
 */
@Component({
  selector: 'ui-file-drop',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon],
  template: `
    <div
      class="drop"
      [class.over]="dragging()"
      (dragover)="over($event)"
      (dragleave)="dragging.set(false)"
      (drop)="dropped($event)"
      data-testid="file-drop"
    >
      <mat-icon aria-hidden="true">upload_file</mat-icon>
      <span>{{ hint() }}</span>
      <button mat-stroked-button type="button" [disabled]="disabled()" (click)="picker.click()">{{ buttonLabel() }}</button>
      <input
        #picker
        type="file"
        hidden
        [multiple]="multiple()"
        [attr.aria-label]="buttonLabel()"
        (change)="picked(picker)"
        data-testid="file-input"
      />
    </div>
  `,
  styles: `
    .drop {
      display: flex;
      align-items: center;
      justify-content: center;
      flex-wrap: wrap;
      gap: 12px;
      padding: 16px;
      border: 2px dashed var(--mat-sys-outline-variant);
      border-radius: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .drop.over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class FileDropComponent {
  readonly disabled = input(false);
  readonly multiple = input(true);
  readonly hint = input('Drop files here, or');
  readonly buttonLabel = input('Choose files');
  readonly files = output<File[]>();
  protected readonly dragging = signal(false);

  protected over(event: DragEvent): void {
    if (this.disabled()) {
      return;
    }
    event.preventDefault();
    this.dragging.set(true);
  }

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const list = Array.from(event.dataTransfer?.files ?? []);
    if (!this.disabled() && list.length > 0) {
      this.files.emit(this.multiple() ? list : list.slice(0, 1));
    }
  }

  protected picked(picker: HTMLInputElement): void {
    const list = Array.from(picker.files ?? []);
    // Cleared so picking the same file again fires another change.
    picker.value = '';
    if (list.length > 0) {
      this.files.emit(list);
    }
  }
}
