import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';
import {
  ConfirmService,
  Notifier,
  StatusChipComponent,
  TASK_STATUS_LABELS,
  TaskStatus,
  fieldErrors,
  problemMessage,
} from '@copilot/ui';
import { TASK_TITLE_MAX, taskStatusesFor } from './case-model';
import { Case, CaseTask, CasesData } from './cases-data.service';

/**
 * The tasks of a case, in creation order: set To do / Done / Not necessary (a mandatory task is never offered
 * "Not necessary"), add one, remove an optional one. Emits after every change.
 */
@Component({
  selector: 'cp-case-tasks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatCheckbox,
    MatError,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatTooltip,
    StatusChipComponent,
  ],
  template: `
    <p class="summary" data-testid="case-task-summary">
      {{ finished() }} of {{ case().tasks.length }} finished
      @if (notNecessary() > 0) {
        ({{ notNecessary() }} not necessary)
      }
      @if (mandatoryOpen() > 0) {
        · <strong>{{ mandatoryOpen() }} mandatory still to do</strong>
      }
    </p>
    <ol class="tasks">
      @for (task of case().tasks; track task.id) {
        <li [attr.data-testid]="'case-task-' + task.id" [class.finished]="task.status !== 'TODO'">
          <div class="head">
            <span class="title">{{ task.title }}</span>
            @if (task.mandatory) {
              <ui-status-chip label="Mandatory" tone="warning" />
            }
            <span class="spacer"></span>
            <mat-button-toggle-group
              #statusGroup="matButtonToggleGroup"
              hideSingleSelectionIndicator
              [value]="task.status"
              [disabled]="disabled() || busy()"
              (change)="setStatus(task, $event.value, statusGroup)"
              [attr.aria-label]="'Status of ' + task.title"
            >
              @for (status of statusesFor(task); track status) {
                <mat-button-toggle [value]="status">{{ statusLabels[status] }}</mat-button-toggle>
              }
            </mat-button-toggle-group>
            @if (!task.mandatory) {
              <button
                mat-icon-button
                type="button"
                aria-label="Remove task"
                matTooltip="Remove task"
                [disabled]="disabled() || busy()"
                (click)="remove(task)"
              >
                <mat-icon>delete_outline</mat-icon>
              </button>
            }
          </div>
          @if (task.description) {
            <p class="description">{{ task.description }}</p>
          }
        </li>
      } @empty {
        <li class="ui-muted">No tasks. Add one below, or set up a case template so new cases start with them.</li>
      }
    </ol>

    <form [formGroup]="form" (ngSubmit)="add()" class="add" novalidate>
      <mat-form-field class="grow">
        <mat-label>New task</mat-label>
        <input matInput formControlName="title" data-testid="case-task-title" />
        @if (form.controls.title.hasError('maxlength')) {
          <mat-error>At most {{ titleMax }} characters</mat-error>
        }
      </mat-form-field>
      <mat-form-field class="grow">
        <mat-label>Details (optional)</mat-label>
        <input matInput formControlName="description" />
      </mat-form-field>
      <mat-checkbox formControlName="mandatory">Mandatory</mat-checkbox>
      <button mat-flat-button type="submit" [disabled]="disabled() || busy() || form.controls.title.value.trim() === ''">
        Add task
      </button>
    </form>
    @if (error(); as message) {
      <p class="ui-error-text" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    .summary {
      margin: 0 0 8px;
    }
    .tasks {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .head {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
    }
    .title {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    li.finished .title {
      color: var(--mat-sys-on-surface-variant);
    }
    .spacer {
      flex: 1 1 auto;
    }
    .description {
      margin: 4px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      color: var(--mat-sys-on-surface-variant);
    }
    .add {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 12px;
      margin-top: 16px;
    }
    .grow {
      flex: 1 1 220px;
    }
  `,
})
export class CaseTasksComponent {
  private readonly data = inject(CasesData);
  private readonly confirmer = inject(ConfirmService);
  private readonly notifier = inject(Notifier);
  readonly case = input.required<Case>();
  readonly disabled = input(false);
  readonly changed = output<void>();
  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly statusesFor = taskStatusesFor;
  protected readonly titleMax = TASK_TITLE_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly finished = computed(() => this.case().tasks.filter((t) => t.status !== 'TODO').length);
  protected readonly notNecessary = computed(() => this.case().tasks.filter((t) => t.status === 'NOT_NECESSARY').length);
  protected readonly mandatoryOpen = computed(() => this.case().tasks.filter((t) => t.mandatory && t.status === 'TODO').length);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', Validators.maxLength(TASK_TITLE_MAX)],
    description: [''],
    mandatory: [false],
  });

  protected async setStatus(task: CaseTask, status: TaskStatus, group: MatButtonToggleGroup): Promise<void> {
    const saved = await this.run(() => this.data.updateTask(this.case().id, task.id, { status }));
    if (!saved) {
      // The reloaded task has the same status as before, so the binding would not put the toggle back.
      group.value = task.status;
    }
  }

  protected async add(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const ok = await this.run(() =>
      this.data.addTask(this.case().id, {
        title: value.title.trim(),
        description: value.description.trim() || null,
        mandatory: value.mandatory,
      }),
    );
    if (ok) {
      this.form.reset();
    }
  }

  protected async remove(task: CaseTask): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: 'Remove this task?',
      message: `“${task.title}” is removed from the case; the timeline keeps a note of it.`,
      confirmLabel: 'Remove',
      destructive: true,
    });
    if (confirmed) {
      await this.run(() => this.data.removeTask(this.case().id, task.id));
    }
  }

  private async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.changed.emit();
      return true;
    } catch (error) {
      const fields = Object.values(fieldErrors(error));
      this.error.set(fields.length > 0 ? fields.join(' ') : problemMessage(error));
      // The page reloads the case, which puts the toggles back on what was saved.
      this.changed.emit();
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
