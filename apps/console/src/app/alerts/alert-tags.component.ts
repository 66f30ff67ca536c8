import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatChipGrid, MatChipInput, MatChipInputEvent, MatChipRemove, MatChipRow } from '@angular/material/chips';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { ALERT_MAX_TAGS, ALERT_TAG_MAX_LENGTH } from '@copilot/ui';

/** Edits an alert's tag set: Enter or comma adds a tag, the chip's × removes it; each change is saved at once. */
@Component({
  selector: 'cp-alert-tags',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatChipGrid, MatChipInput, MatChipRemove, MatChipRow, MatFormField, MatHint, MatLabel, MatIcon],
  template: `
    <mat-form-field class="field">
      <mat-label>Tags</mat-label>
      <mat-chip-grid #grid aria-label="Tags" [disabled]="disabled()">
        @for (tag of tags(); track tag) {
          <mat-chip-row (removed)="remove(tag)" [attr.data-testid]="'tag-' + tag">
            {{ tag }}
            <button matChipRemove type="button" [attr.aria-label]="'Remove tag ' + tag"><mat-icon>cancel</mat-icon></button>
          </mat-chip-row>
        }
        <input
          placeholder="Add a tag…"
          [matChipInputFor]="grid"
          [matChipInputSeparatorKeyCodes]="separators"
          (matChipInputTokenEnd)="add($event)"
          data-testid="tag-input"
        />
      </mat-chip-grid>
      @if (problem(); as message) {
        <mat-hint class="ui-error-text">{{ message }}</mat-hint>
      } @else {
        <mat-hint>Enter to add; tags are lower-case</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
    }
  `,
})
export class AlertTagsComponent {
  readonly tags = input.required<readonly string[]>();
  readonly disabled = input(false);
  readonly tagsChange = output<string[]>();
  /** Enter and comma. */
  protected readonly separators = [13, 188];
  protected readonly problem = signal<string | null>(null);

  protected add(event: MatChipInputEvent): void {
    const tag = event.value.trim().toLowerCase();
    this.problem.set(null);
    if (tag === '') {
      return;
    }
    if (tag.length > ALERT_TAG_MAX_LENGTH) {
      this.problem.set(`A tag has at most ${ALERT_TAG_MAX_LENGTH} characters.`);
      return;
    }
    event.chipInput.clear();
    if (this.tags().includes(tag)) {
      return;
    }
    if (this.tags().length >= ALERT_MAX_TAGS) {
      this.problem.set(`An alert carries at most ${ALERT_MAX_TAGS} tags.`);
      return;
    }
    this.tagsChange.emit([...this.tags(), tag]);
  }

  protected remove(tag: string): void {
    this.problem.set(null);
    this.tagsChange.emit(this.tags().filter((t) => t !== tag));
  }
}
