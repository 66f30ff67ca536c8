import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { CursorPager } from './cursor-pager';

/** Range label plus previous/next buttons for a {@link CursorPager}. */
@Component({
  selector: 'ui-cursor-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconButton, MatIcon, MatTooltip],
  template: `
    <span class="range" aria-live="polite">{{ pager().rangeLabel() }}</span>
    <button
      mat-icon-button
      type="button"
      aria-label="Previous page"
      matTooltip="Previous page"
      [disabled]="!pager().hasPrevious() || pager().loading()"
      (click)="pager().previous()"
    >
      <mat-icon>chevron_left</mat-icon>
    </button>
    <button
      mat-icon-button
      type="button"
      aria-label="Next page"
      matTooltip="Next page"
      [disabled]="!pager().hasNext() || pager().loading()"
      (click)="pager().next()"
    >
      <mat-icon>chevron_right</mat-icon>
    </button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 4px;
      padding: 4px 8px;
    }
    .range {
      margin-right: 12px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CursorPagerComponent {
  readonly pager = input.required<CursorPager<unknown>>();
}
