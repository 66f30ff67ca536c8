import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type ChipTone = 'success' | 'info' | 'warning' | 'error' | 'neutral';

const TONES: Record<string, ChipTone> = {
  active: 'success',
  enabled: 'success',
  ok: 'success',
  open: 'info',
  info: 'info',
  informational: 'info',
  low: 'info',
  'in progress': 'warning',
  in_progress: 'warning',
  medium: 'warning',
  warning: 'warning',
  high: 'error',
  critical: 'error',
  error: 'error',
  failed: 'error',
  inactive: 'neutral',
  disabled: 'neutral',
  closed: 'neutral',
};

/** A small coloured label for a status or severity; the tone follows the label unless given. */
@Component({
  selector: 'ui-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ label() }}`,
  host: { '[class]': '"ui-chip ui-chip-" + effectiveTone()' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid transparent;
    }
    :host(.ui-chip-success) {
      background: light-dark(#dcf5e3, #113a20);
      color: light-dark(#0f5b2a, #9be3b2);
    }
    :host(.ui-chip-info) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.ui-chip-warning) {
      background: light-dark(#fff1cc, #4a3800);
      color: light-dark(#6b4e00, #ffd97a);
    }
    :host(.ui-chip-error) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.ui-chip-neutral) {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class StatusChipComponent {
  readonly label = input.required<string>();
  readonly tone = input<ChipTone | undefined>(undefined);
  protected readonly effectiveTone = computed<ChipTone>(
    () => this.tone() ?? TONES[this.label().trim().toLowerCase()] ?? 'neutral',
  );
}
