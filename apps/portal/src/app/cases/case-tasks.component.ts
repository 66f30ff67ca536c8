import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { StatusChipComponent, TASK_STATUS_LABELS, TASK_STATUS_TONES } from '@copilot/ui';
import type { Case } from './cases-data.service';

/** The case's tasks as the SOC works them, read-only: customers follow progress here but do not manage tasks. */
@Component({
  selector: 'pt-case-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIcon, MatTooltip, StatusChipComponent],
  template: `
    @if (tasks().length === 0) {
      <p class="ui-muted">No tasks yet. Your security provider adds the steps they take here.</p>
    } @else {
      <p class="ui-muted summary" data-testid="case-task-summary">
        {{ open() }} of {{ tasks().length }} still to do. Your security provider manages these tasks.
      </p>
      <ul aria-label="Tasks">
        @for (task of tasks(); track task.id) {
          <li [attr.data-testid]="'case-task-' + task.id">
            <div class="title">
              <strong>{{ task.title }}</strong>
              @if (task.mandatory) {
                <mat-icon class="mandatory" matTooltip="Mandatory step" aria-label="Mandatory">priority_high</mat-icon>
              }
              <ui-status-chip [label]="labels[task.status]" [tone]="tones[task.status]" />
            </div>
            @if (task.description) {
              <p class="description">{{ task.description }}</p>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .summary {
      margin-top: 0;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: 0;
    }
    .title {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      overflow-wrap: anywhere;
    }
    .mandatory {
      font-size: 18px;
      width: 18px;
      height: 18px;
      color: var(--mat-sys-error);
    }
    .description {
      margin: 4px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CaseTasksComponent {
  readonly tasks = input.required<Case['tasks']>();
  protected readonly labels = TASK_STATUS_LABELS;
  protected readonly tones = TASK_STATUS_TONES;

  protected readonly open = computed(() => this.tasks().filter((t) => t.status === 'TODO').length);
}
