import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { TimeComponent } from '../time/time.component';

/** One line of a history: an icon, who did it, what they did, and when. */
export interface TimelineLine {
  id: number | string;
  /** The event kind, exposed as `data-kind` for styling and tests. */
  kind: string;
  icon: string;
  actor: string;
  text: string;
  at: string;
}

/**
 * A history list, oldest first (alerts, cases): each line reads "<actor> <text>" with the time below it.
 * The feature decides the wording (describeAlertEvent, describeCaseEvent); this only lays the lines out.
 */
@Component({
  selector: 'ui-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIcon, TimeComponent],
  template: `
    <ol [attr.aria-label]="label()">
      @for (line of lines(); track line.id) {
        <li [attr.data-kind]="line.kind">
          <mat-icon aria-hidden="true">{{ line.icon }}</mat-icon>
          <div class="body">
            <span
              ><strong>{{ line.actor }}</strong> {{ line.text }}</span
            >
            <ui-time [at]="line.at" />
          </div>
        </li>
      } @empty {
        <li class="ui-muted">{{ emptyText() }}</li>
      }
    </ol>
  `,
  styles: `
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 12px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: 0;
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    ui-time {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TimelineComponent {
  readonly lines = input.required<readonly TimelineLine[]>();
  readonly label = input('Timeline');
  readonly emptyText = input('No events yet.');
}
