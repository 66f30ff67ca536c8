import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption, provideNativeDateAdapter } from '@angular/material/core';
import {
  MatDateRangeInput,
  MatDateRangePicker,
  MatDatepickerToggle,
  MatEndDate,
  MatStartDate,
} from '@angular/material/datepicker';
import { MatFormField, MatHint, MatLabel, MatPrefix, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { debounceTime, distinctUntilChanged, map, merge } from 'rxjs';
import { AlertFilter, RANGE_PRESETS, RangeKey, isFiltered } from './alert-filter';
import { AssignableUser } from './alerts-data.service';
import { CustomerFilterComponent } from './customer-filter.component';
import { ALERT_SEVERITIES, AlertSeverity, personName, VERDICT_FILTERS, VERDICT_LABELS, VerdictFilter } from '@copilot/ui';

type RangeChoice = 'any' | RangeKey | 'custom';

/** Local midnight at the start (or the last millisecond at the end) of a picked day, as ISO-8601 UTC. */
function dayBound(day: Date | null, end: boolean): string | null {
  if (!day) {
    return null;
  }
  const bound = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  if (end) {
    bound.setDate(bound.getDate() + 1);
    bound.setMilliseconds(-1);
  }
  return bound.toISOString();
}

/** The alert list's filter fields (status chips live on the page); every change goes to the URL via `changed`. */
@Component({
  selector: 'cp-alert-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [provideNativeDateAdapter()],
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatOption,
    MatDateRangeInput,
    MatDateRangePicker,
    MatDatepickerToggle,
    MatStartDate,
    MatEndDate,
    MatFormField,
    MatHint,
    MatLabel,
    MatPrefix,
    MatSuffix,
    MatIcon,
    MatInput,
    MatSelect,
    CustomerFilterComponent,
  ],
  templateUrl: './alert-filters.component.html',
  styleUrl: './alert-filters.component.scss',
})
export class AlertFiltersComponent {
  readonly filter = input.required<AlertFilter>();
  readonly assignees = input<readonly AssignableUser[]>([]);
  /** The signed-in user's id, offered as "Assigned to me". */
  readonly meId = input<number | null>(null);
  readonly changed = output<Partial<AlertFilter>>();

  protected readonly severities = ALERT_SEVERITIES;
  protected readonly verdicts = VERDICT_FILTERS;
  protected readonly verdictLabels = VERDICT_LABELS;
  protected readonly presets = RANGE_PRESETS;
  protected readonly personName = personName;
  protected readonly filtered = computed(() => isFiltered({ ...this.filter(), status: [] }));
  protected readonly rangeChoice = computed<RangeChoice>(() => {
    const range = this.filter().range;
    return range.kind === 'preset' ? range.key : range.kind;
  });
  protected readonly text = new FormGroup({
    title: new FormControl('', { nonNullable: true }),
    tag: new FormControl('', { nonNullable: true }),
    source: new FormControl('', { nonNullable: true }),
    asset: new FormControl('', { nonNullable: true }),
    ioc: new FormControl('', { nonNullable: true }),
  });
  protected readonly days = new FormGroup({
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
  });
  /** "Custom" picked but no day chosen yet: the URL still holds the previous range. */
  private readonly customPicked = signal(false);
  protected readonly showDays = computed(() => this.customPicked() || this.rangeChoice() === 'custom');

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        this.text.setValue(
          { title: filter.title, tag: filter.tag, source: filter.source, asset: filter.asset, ioc: filter.ioc },
          { emitEvent: false },
        );
        const range = filter.range;
        this.customPicked.set(false);
        this.days.setValue(
          {
            start: range.kind === 'custom' && range.from ? new Date(range.from) : null,
            end: range.kind === 'custom' && range.to ? new Date(range.to) : null,
          },
          { emitEvent: false },
        );
      });
    });
    const destroyRef = inject(DestroyRef);
    const controls = this.text.controls;
    merge(
      ...(['title', 'tag', 'source', 'asset', 'ioc'] as const).map((key) =>
        controls[key].valueChanges.pipe(
          map((value) => value.trim()),
          debounceTime(350),
          distinctUntilChanged(),
          map((value) => ({ [key]: value })),
        ),
      ),
    )
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((change) => this.changed.emit(change));
  }

  protected setRange(choice: RangeChoice): void {
    if (choice === 'custom') {
      this.customPicked.set(true);
      return;
    }
    this.customPicked.set(false);
    const preset = RANGE_PRESETS.find((p) => p.key === choice);
    this.changed.emit({ range: preset ? { kind: 'preset', key: preset.key, ms: preset.ms } : { kind: 'any' } });
  }

  /** Emits once the range input closes with at least one day chosen (bounds are local days). */
  protected applyDays(): void {
    const { start, end } = this.days.getRawValue();
    if (start || end) {
      this.changed.emit({ range: { kind: 'custom', from: dayBound(start, false), to: dayBound(end, true) } });
    }
  }

  protected setSeverity(severity: AlertSeverity[]): void {
    this.changed.emit({ severity });
  }

  protected setAssignee(assignee: string | null): void {
    this.changed.emit({ assignee });
  }

  protected setVerdict(verdict: VerdictFilter | null): void {
    this.changed.emit({ verdict });
  }

  protected setCustomer(customerCode: string | null): void {
    this.changed.emit({ customerCode });
  }

  protected clear(): void {
    this.customPicked.set(false);
    this.changed.emit({
      severity: [],
      customerCode: null,
      assignee: null,
      verdict: null,
      tag: '',
      source: '',
      asset: '',
      ioc: '',
      title: '',
      range: { kind: 'any' },
    });
  }
}
