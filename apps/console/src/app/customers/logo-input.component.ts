import { ChangeDetectionStrategy, Component, input, model, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/** Checks type and size before reading, so a wrong file never reaches the api. */
export function logoProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!LOGO_TYPES.includes(file.type)) {
    return 'The logo must be a PNG, JPEG or WebP image.';
  }
  if (file.size > LOGO_MAX_BYTES) {
    return `The logo must be at most 256 KB (this one is ${Math.ceil(file.size / 1024)} KB).`;
  }
  return null;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Logo picker: preview, upload (as a data: URL) and removal. */
@Component({
  selector: 'cp-logo-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon],
  template: `
    <div class="preview" [class.empty]="!value()">
      @if (value(); as logo) {
        <img [src]="logo" alt="Customer logo" />
      } @else {
        <mat-icon aria-hidden="true">image</mat-icon>
      }
    </div>
    <div class="controls">
      <input #file type="file" hidden [accept]="accept" (change)="pick(file)" data-testid="logo-file" />
      <div class="buttons">
        <button mat-stroked-button type="button" [disabled]="disabled()" (click)="file.click()">
          <mat-icon>upload</mat-icon>{{ value() ? 'Replace logo' : 'Upload logo' }}
        </button>
        @if (value()) {
          <button mat-button type="button" [disabled]="disabled()" (click)="clear(file)">Remove</button>
        }
      </div>
      @if (error(); as message) {
        <span class="ui-error-text" role="alert">{{ message }}</span>
      } @else {
        <span class="ui-muted">PNG, JPEG or WebP, up to 256 KB.</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      gap: 16px;
      align-items: center;
      margin: 8px 0 16px;
    }
    .preview {
      width: 72px;
      height: 72px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      display: grid;
      place-items: center;
      overflow: hidden;
      background: var(--mat-sys-surface-container);
    }
    .preview img {
      max-width: 100%;
      max-height: 100%;
      object-fit: contain;
    }
    .controls {
      display: flex;
      flex-direction: column;
      gap: 6px;
      font: var(--mat-sys-body-small);
    }
    .buttons {
      display: flex;
      gap: 8px;
    }
  `,
})
export class LogoInputComponent {
  readonly value = model<string | null>(null);
  readonly disabled = input(false);
  protected readonly error = signal<string | null>(null);
  protected readonly accept = LOGO_TYPES.join(',');

  protected async pick(input: HTMLInputElement): Promise<void> {
    const file = input.files?.item(0);
    input.value = '';
    if (!file) {
      return;
    }
    const problem = logoProblem(file);
    this.error.set(problem);
    if (problem) {
      return;
    }
    try {
      this.value.set(await readAsDataUrl(file));
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : 'The file could not be read.');
    }
  }

  protected clear(input: HTMLInputElement): void {
    input.value = '';
    this.error.set(null);
    this.value.set(null);
  }
}
