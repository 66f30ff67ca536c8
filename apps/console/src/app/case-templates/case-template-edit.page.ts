import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { EmptyStateComponent, Notifier, PageHeaderComponent, fieldErrors, problemMessage, setServerError, statusOf } from '@copilot/ui';
import { SOURCE_PATTERN, TASK_TITLE_MAX } from '../cases/case-model';
import { CustomerSelectComponent } from '../shared/customer-select.component';
import { CaseTemplate, CaseTemplateBody, CaseTemplatesData } from './case-templates-data.service';

/** The api's limit (SaveCaseTemplateDto). */
export const MAX_TEMPLATE_TASKS = 100;

type TaskGroup = FormGroup<{
  title: FormControl<string>;
  description: FormControl<string>;
  mandatory: FormControl<boolean>;
}>;

/** Create (`/case-templates/new`) or edit a case template: where it applies, and its tasks in order. */
@Component({
  selector: 'cp-case-template-edit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatCard,
    MatCardContent,
    MatCheckbox,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
    MatTooltip,
    CustomerSelectComponent,
    EmptyStateComponent,
    PageHeaderComponent,
  ],
  templateUrl: './case-template-edit.page.html',
  styleUrl: './case-template-edit.page.scss',
})
export class CaseTemplateEditPage {
  private readonly data = inject(CaseTemplatesData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter `:id`; absent on `/case-templates/new`. */
  readonly id = input<string | undefined>(undefined);
  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly template = signal<CaseTemplate | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly customerCode = signal<string | null>(null);
  protected readonly customerError = signal<string | null>(null);
  protected readonly titleMax = TASK_TITLE_MAX;
  protected readonly maxTasks = MAX_TEMPLATE_TASKS;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(128)]],
    description: [''],
    source: ['', Validators.pattern(SOURCE_PATTERN)],
    tasks: this.fb.array<TaskGroup>([]),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id === undefined) {
          this.addTask();
        } else {
          void this.load(Number(id));
        }
      });
    });
  }

  protected get tasks(): FormArray<TaskGroup> {
    return this.form.controls.tasks;
  }

  protected addTask(): void {
    this.tasks.push(this.task('', '', false));
  }

  protected removeTask(index: number): void {
    this.tasks.removeAt(index);
  }

  protected move(index: number, by: -1 | 1): void {
    const control = this.tasks.at(index);
    this.tasks.removeAt(index, { emitEvent: false });
    this.tasks.insert(index + by, control);
  }

  protected setCustomer(code: string | null): void {
    this.customerCode.set(code);
    this.customerError.set(null);
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.saving()) {
      return;
    }
    const current = this.template();
    this.saving.set(true);
    this.error.set(null);
    try {
      const body = this.body();
      const saved = current ? await this.data.replace(current.id, current.version, body) : await this.data.create(body);
      this.notifier.success(`Template “${saved.name}” saved.`);
      await this.router.navigate(['/case-templates']);
    } catch (error) {
      if (statusOf(error) === 412 && current) {
        this.notifier.warn('Someone else saved this template in the meantime. Their version is shown now; apply your change again.');
        await this.load(current.id);
        return;
      }
      this.showErrors(error);
    } finally {
      this.saving.set(false);
    }
  }

  protected cancel(): void {
    void this.router.navigate(['/case-templates']);
  }

  private body(): CaseTemplateBody {
    const value = this.form.getRawValue();
    return {
      name: value.name.trim(),
      description: value.description.trim() || null,
      customerCode: this.customerCode(),
      source: value.source.trim() || null,
      tasks: value.tasks.map((t) => ({ title: t.title.trim(), description: t.description.trim() || null, mandatory: t.mandatory })),
    };
  }

  private showErrors(error: unknown): void {
    const fields = fieldErrors(error);
    let placed = false;
    for (const [field, message] of Object.entries(fields)) {
      if (field === 'customerCode') {
        this.customerError.set(message);
        placed = true;
        continue;
      }
      // `tasks.2.title` → the title of the third task.
      const control = this.form.get(field);
      if (control) {
        setServerError(control, message);
        placed = true;
      }
    }
    if (!placed) {
      this.error.set(problemMessage(error));
    }
  }

  private task(title: string, description: string, mandatory: boolean): TaskGroup {
    return this.fb.group({
      title: [title, [Validators.required, Validators.maxLength(TASK_TITLE_MAX)]],
      description: [description],
      mandatory: [mandatory],
    });
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const template = await this.data.get(id);
      this.template.set(template);
      this.customerCode.set(template.customerCode);
      this.tasks.clear({ emitEvent: false });
      template.tasks.forEach((t) => this.tasks.push(this.task(t.title, t.description ?? '', t.mandatory), { emitEvent: false }));
      this.form.reset({
        name: template.name,
        description: template.description ?? '',
        source: template.source ?? '',
        tasks: template.tasks.map((t) => ({ title: t.title, description: t.description ?? '', mandatory: t.mandatory })),
      });
    } catch (error) {
      this.loadError.set(statusOf(error) === 404 ? 'This template does not exist or is outside your customers.' : problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
