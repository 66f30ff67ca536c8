import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';

/** One choice of a status filter; `count` shows beside the label when known. */
export interface StatusFilterOption {
  value: string;
  label: string;
  count?: number | null;
}

/**
 * Status filter as toggle chips (any number selected; none means all). The list page keeps the selection in
 * its URL and passes it back in `selected`; a click emits the new selection in the options' order.
 */
@Component({
  selector: 'ui-status-filter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatChipListbox, MatChipOption],
  template: `
    <mat-chip-listbox multiple [attr.aria-label]="label()" (change)="changed($event)">
      @for (option of options(); track option.value) {
        <mat-chip-option [value]="option.value" [selected]="selected().includes(option.value)">
          {{ option.label }}
          @if (option.count !== undefined && option.count !== null) {
            <span class="count">{{ option.count }}</span>
          }
        </mat-chip-option>
      }
    </mat-chip-listbox>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 12px;
    }
    .count {
      margin-left: 6px;
      padding: 0 6px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
      font: var(--mat-sys-label-small);
    }
  `,
})
export class StatusFilterComponent {
  readonly options = input.required<readonly StatusFilterOption[]>();
  readonly selected = input<readonly string[]>([]);
  readonly label = input('Status');
  readonly selectedChange = output<string[]>();

  protected changed(event: MatChipListboxChange): void {
    const picked = new Set(event.value as string[]);
    this.selectedChange.emit(this.options().map((o) => o.value).filter((v) => picked.has(v)));
  }
}
