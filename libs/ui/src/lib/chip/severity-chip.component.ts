import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Severities the api knows, mildest first. */
export const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * An alert or case severity as a coloured chip: each level has its own colour (Critical is filled, so it
 * stands out from High in both themes) and a leading dot, so the level does not rely on colour alone.
 */
@Component({
  selector: 'ui-severity-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="dot" aria-hidden="true"></span>{{ severity() }}`,
  host: { '[class]': '"ui-sev ui-sev-" + level()', '[attr.data-severity]': 'severity()' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px 2px 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
    :host(.ui-sev-low) {
      background: light-dark(#e3edf9, #1b2d44);
      color: light-dark(#1f4f86, #a9c9f2);
    }
    :host(.ui-sev-medium) {
      background: light-dark(#fff1cc, #4a3800);
      color: light-dark(#6b4e00, #ffd97a);
    }
    :host(.ui-sev-high) {
      background: light-dark(#ffe0cc, #4f2300);
      color: light-dark(#8a3300, #ffb68a);
    }
    :host(.ui-sev-critical) {
      background: light-dark(#b3261e, #ffb4ab);
      color: light-dark(#ffffff, #690005);
    }
    :host(.ui-sev-unknown) {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SeverityChipComponent {
  readonly severity = input.required<string>();
  protected readonly level = computed(() => {
    const value = this.severity().toLowerCase();
    return (SEVERITIES as readonly string[]).some((s) => s.toLowerCase() === value) ? value : 'unknown';
  });
}
