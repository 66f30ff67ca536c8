import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, model, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatIconButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { problemMessage } from '@copilot/ui';
import { debounceTime, distinctUntilChanged, filter, switchMap } from 'rxjs';
import { CustomerOption, CustomerSearch } from './customer-search.service';

/**
 * One customer, picked by searching customers on the server. `code` is two-way bound; emptying the field
 * means no customer. `error` shows a message under the field (a validation or server error of the parent form).
 */
@Component({
  selector: 'cp-customer-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
    MatError,
    MatFormField,
    MatHint,
    MatLabel,
    MatSuffix,
    MatIcon,
    MatIconButton,
    MatInput,
  ],
  template: `
    <mat-form-field class="field" [subscriptSizing]="dense() ? 'dynamic' : 'fixed'" [floatLabel]="placeholder() ? 'always' : 'auto'">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="search"
        [placeholder]="placeholder()"
        [formControl]="search"
        [matAutocomplete]="auto"
        [attr.data-testid]="testId()"
      />
      @if (code() !== null && !disabled()) {
        <button matSuffix mat-icon-button type="button" [attr.aria-label]="'Clear ' + label()" (click)="pick(null)">
          <mat-icon>close</mat-icon>
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="selected($event)" (closed)="restore()">
        @for (option of options(); track option.customerCode) {
          <mat-option [value]="option.customerCode">
            {{ option.name }} <span class="code">({{ option.customerCode }})</span>
          </mat-option>
        } @empty {
          <mat-option disabled>{{ searchError() ?? 'No matching customers' }}</mat-option>
        }
      </mat-autocomplete>
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      @if (error(); as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    .code {
      opacity: 0.7;
    }
  `,
})
export class CustomerSelectComponent {
  private readonly customers = inject(CustomerSearch);
  readonly code = model<string | null>(null);
  readonly label = input('Customer');
  readonly placeholder = input('');
  readonly hint = input('');
  readonly error = input<string | null>(null);
  readonly disabled = input(false);
  /** No reserved space under the field (filter bars). */
  readonly dense = input(false);
  readonly testId = input('customer-select');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly options = signal<CustomerOption[]>([]);
  protected readonly searchError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => {
        this.search.setValue(this.customers.label(code), { emitEvent: false });
        if (code !== null) {
          void this.customers.nameOf(code).then(
            () => this.code() === code && this.search.setValue(this.customers.label(code), { emitEvent: false }),
            () => undefined,
          );
        }
      });
    });
    effect(() => {
      const message = this.error();
      untracked(() => {
        this.search.setErrors(message ? { server: message } : null);
        if (message) {
          this.search.markAsTouched();
        }
      });
    });
    effect(() => {
      if (this.disabled()) {
        this.search.disable({ emitEvent: false });
      } else {
        this.search.enable({ emitEvent: false });
      }
    });
    this.search.valueChanges
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => q !== this.customers.label(this.code())),
        switchMap((q) => this.lookUp(q.trim())),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe();
    void this.lookUp('');
  }

  protected selected(event: MatAutocompleteSelectedEvent): void {
    this.pick(String(event.option.value));
  }

  protected pick(code: string | null): void {
    this.search.setValue(this.customers.label(code), { emitEvent: false });
    if (code !== this.code()) {
      this.code.set(code);
    }
  }

  /** Closing the list without choosing shows the current choice again; an emptied field means no customer. */
  protected restore(): void {
    if (this.search.value.trim() === '') {
      this.pick(null);
    } else {
      this.search.setValue(this.customers.label(this.code()), { emitEvent: false });
    }
    this.search.setErrors(this.error() ? { server: this.error() } : null);
  }

  private async lookUp(q: string): Promise<void> {
    try {
      this.options.set(await this.customers.search(q));
      this.searchError.set(null);
    } catch (error) {
      this.options.set([]);
      this.searchError.set(problemMessage(error));
    }
  }
}
