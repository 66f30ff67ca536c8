import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatIconButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { problemMessage } from '@copilot/ui';
import { debounceTime, distinctUntilChanged, filter, switchMap } from 'rxjs';
import { AlertsData, CustomerOption } from './alerts-data.service';

/** One customer picked by searching customers on the server (never loading the whole table). */
@Component({
  selector: 'cp-customer-filter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
    MatFormField,
    MatLabel,
    MatSuffix,
    MatIcon,
    MatIconButton,
    MatInput,
  ],
  template: `
    <mat-form-field class="field" subscriptSizing="dynamic">
      <mat-label>Customer</mat-label>
      <input
        matInput
        type="search"
        placeholder="Any customer"
        [formControl]="search"
        [matAutocomplete]="auto"
        data-testid="alert-customer-filter"
      />
      @if (current()) {
        <button matSuffix mat-icon-button type="button" aria-label="Any customer" (click)="pick(null)">
          <mat-icon>close</mat-icon>
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="label" (optionSelected)="selected($event)" (closed)="restore()">
        @for (option of options(); track option.customerCode) {
          <mat-option [value]="option.customerCode">
            {{ option.name }} <span class="code">({{ option.customerCode }})</span>
          </mat-option>
        } @empty {
          <mat-option disabled>{{ searchError() ?? 'No matching customers' }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
    }
    .code {
      opacity: 0.7;
    }
  `,
})
export class CustomerFilterComponent {
  private readonly data = inject(AlertsData);
  /** The selected customer code, from the URL. */
  readonly code = input<string | null>(null);
  readonly picked = output<string | null>();
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly options = signal<CustomerOption[]>([]);
  protected readonly searchError = signal<string | null>(null);
  /** The choice shown: the URL's, or the one just picked while the URL catches up. */
  protected readonly current = signal<string | null>(null);
  private readonly names = new Map<string, string>();

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => {
        this.current.set(code);
        this.search.setValue(this.label(code), { emitEvent: false });
      });
    });
    this.search.valueChanges
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => q !== this.label(this.current())),
        switchMap((q) =>
          this.data.searchCustomers(q.trim()).then(
            (options) => ({ options, error: null }),
            (error: unknown) => ({ options: [], error: problemMessage(error) }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ options, error }) => {
        options.forEach((o) => this.names.set(o.customerCode, o.name));
        this.options.set(options);
        this.searchError.set(error);
      });
    void this.data.searchCustomers('').then(
      (options) => {
        options.forEach((o) => this.names.set(o.customerCode, o.name));
        this.options.set(options);
        this.search.setValue(this.label(this.current()), { emitEvent: false });
      },
      (error: unknown) => this.searchError.set(problemMessage(error)),
    );
  }

  protected selected(event: MatAutocompleteSelectedEvent): void {
    this.pick(String(event.option.value));
  }

  protected pick(code: string | null): void {
    this.search.setValue(this.label(code), { emitEvent: false });
    if (code !== this.current()) {
      this.current.set(code);
      this.picked.emit(code);
    }
  }

  /** Closing the list without choosing shows the current choice again; an emptied field means any customer. */
  protected restore(): void {
    if (this.search.value.trim() === '') {
      this.pick(null);
    } else {
      this.search.setValue(this.label(this.current()), { emitEvent: false });
    }
  }

  protected readonly label = (code: string | null): string => {
    if (code === null) {
      return '';
    }
    const name = this.names.get(code);
    return name ? `${name} (${code})` : code;
  };
}
