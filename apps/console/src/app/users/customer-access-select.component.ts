import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, model, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatOption } from '@angular/material/core';
import { MatChipGrid, MatChipInput, MatChipRemove, MatChipRow } from '@angular/material/chips';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { debounceTime, distinctUntilChanged, startWith, switchMap } from 'rxjs';
import { problemMessage } from '@copilot/ui';
import { CustomerOption, UsersData } from './users-data.service';

/** Picks customer codes by searching customers on the server; chips show what is selected. */
@Component({
  selector: 'cp-customer-access-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatChipGrid,
    MatChipRow,
    MatChipRemove,
    MatChipInput,
    MatIcon,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
  ],
  template: `
    <mat-form-field class="field">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [attr.aria-label]="label()">
        @for (code of codes(); track code) {
          <mat-chip-row (removed)="remove(code)">
            {{ nameOf(code) }}
            <button matChipRemove type="button" [attr.aria-label]="'Remove ' + code"><mat-icon>cancel</mat-icon></button>
          </mat-chip-row>
        }
        <input
          #input
          placeholder="Search customers…"
          [formControl]="search"
          [matChipInputFor]="grid"
          [matAutocomplete]="auto"
          data-testid="customer-access-input"
        />
      </mat-chip-grid>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="add($event); input.value = ''">
        @for (option of options(); track option.customerCode) {
          <mat-option [value]="option.customerCode" [disabled]="codes().includes(option.customerCode)">
            {{ option.name }} <span class="code">({{ option.customerCode }})</span>
          </mat-option>
        } @empty {
          <mat-option disabled>{{ searchError() ?? 'No matching customers' }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>{{ hint() }}</mat-hint>
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
export class CustomerAccessSelectComponent {
  private readonly data = inject(UsersData);
  readonly codes = model<string[]>([]);
  readonly label = input('Customer access');
  readonly hint = input('');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly options = signal<CustomerOption[]>([]);
  protected readonly searchError = signal<string | null>(null);
  protected readonly names = signal<Record<string, string>>({});
  private readonly resolving = new Set<string>();

  constructor() {
    // Selected codes that no search has shown yet are looked up once, so chips show names, not codes.
    effect(() => {
      const missing = this.codes().filter((code) => !(code in this.names()) && !this.resolving.has(code));
      untracked(() => missing.forEach((code) => void this.resolve(code)));
    });
    this.search.valueChanges
      .pipe(
        startWith(''),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          this.data.searchCustomers(q.trim()).then(
            (options) => ({ options, error: null }),
            (error: unknown) => ({ options: [], error: problemMessage(error) }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ options, error }) => {
        this.options.set(options);
        this.searchError.set(error);
        this.names.update((names) => ({
          ...names,
          ...Object.fromEntries(options.map((o) => [o.customerCode, o.name])),
        }));
      });
  }

  private async resolve(code: string): Promise<void> {
    this.resolving.add(code);
    try {
      const match = (await this.data.searchCustomers(code)).find((o) => o.customerCode === code);
      if (match) {
        this.names.update((names) => ({ ...names, [code]: match.name }));
      }
    } catch {
      // The chip keeps showing the code; the picker's own search reports failures.
    }
  }

  protected nameOf(code: string): string {
    return this.names()[code] || code;
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const code = String(event.option.value);
    if (!this.codes().includes(code)) {
      this.codes.set([...this.codes(), code]);
    }
    this.search.setValue('');
  }

  protected remove(code: string): void {
    this.codes.set(this.codes().filter((c) => c !== code));
  }
}
