import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Router } from '@angular/router';
import { EmptyStateComponent, Notifier, PageHeaderComponent, fieldErrors, problemMessage, setServerError, statusOf } from '@copilot/ui';
import { AlertSource, AlertSourcesData, IndexerConnector } from './alert-sources-data.service';
import {
  DEDUP_FIELDS,
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEDUP_WINDOW_MINUTES,
  DEFAULT_OVERLAP_MINUTES,
  LIMITS,
} from './source-defaults';
import { fillForm, sourceForm, toBody } from './source-form';
import { SourceMappingComponent } from './source-mapping.component';

const DEDUP_LABELS = { source: 'Source', rule: 'Rule', asset: 'Asset', title: 'Title' } as const;

/** Create (`/alert-sources/new`) or edit an alert source: what it reads, how documents become alerts, and dedup. */
@Component({
  selector: 'cp-source-edit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardSubtitle,
    MatCardTitle,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    MatSlideToggle,
    EmptyStateComponent,
    PageHeaderComponent,
    SourceMappingComponent,
  ],
  templateUrl: './source-edit.page.html',
  styles: `
    mat-card {
      margin-bottom: 16px;
    }
    .toggles {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 32px;
      margin: 16px 0 12px;
    }
    .wide {
      width: 100%;
    }
    .code {
      font-family: monospace;
    }
  `,
})
export class SourceEditPage {
  private readonly data = inject(AlertSourcesData);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter `:id`; absent on `/alert-sources/new`. */
  readonly id = input<string | undefined>(undefined);
  protected readonly isNew = computed(() => this.id() === undefined);
  protected readonly source = signal<AlertSource | null>(null);
  protected readonly indexers = signal<IndexerConnector[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = sourceForm(this.fb);
  protected readonly dedupFields = DEDUP_FIELDS;
  protected readonly dedupLabels = DEDUP_LABELS;
  protected readonly limits = LIMITS;
  protected readonly defaults = {
    window: DEFAULT_DEDUP_WINDOW_MINUTES,
    overlap: DEFAULT_OVERLAP_MINUTES,
    batch: DEFAULT_BATCH_SIZE,
  };

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id !== undefined) {
          void this.load(Number(id));
        }
      });
    });
    this.data.indexers().then(
      (items) => this.indexers.set(items),
      () => this.indexers.set([]),
    );
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Some settings need fixing; they are marked below.');
      return;
    }
    if (this.saving()) {
      return;
    }
    const current = this.source();
    this.saving.set(true);
    this.error.set(null);
    try {
      const body = toBody(this.form.getRawValue());
      const saved = current ? await this.data.replace(current.id, current.version, body) : await this.data.create(body);
      this.notifier.success(`Alert source “${saved.name}” saved.`);
      await this.router.navigate(['/alert-sources']);
    } catch (error) {
      if (statusOf(error) === 412 && current) {
        this.notifier.warn('Someone else saved this source in the meantime. Their version is shown now; apply your change again.');
        await this.load(current.id);
        return;
      }
      this.showErrors(error);
    } finally {
      this.saving.set(false);
    }
  }

  protected cancel(): void {
    void this.router.navigate(['/alert-sources']);
  }

  private showErrors(error: unknown): void {
    const fields = fieldErrors(error);
    if (Object.keys(fields).length === 0) {
      this.error.set(problemMessage(error));
      return;
    }
    const unplaced: string[] = [];
    for (const [field, message] of Object.entries(fields)) {
      // `mapping.customerMap.acme-corp` → the customer map as a whole.
      const control = this.form.get(field) ?? (field.startsWith('mapping.customerMap') ? this.form.get('mapping.customerMap') : null);
      if (control) {
        setServerError(control, message);
      } else {
        unplaced.push(message);
      }
    }
    this.error.set(unplaced.length > 0 ? unplaced.join(' ') : 'Some settings need fixing; they are marked below.');
  }

  private async load(id: number): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const source = await this.data.get(id);
      this.source.set(source);
      fillForm(this.form, this.fb, source);
    } catch (error) {
      this.loadError.set(statusOf(error) === 404 ? 'This alert source does not exist.' : problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
