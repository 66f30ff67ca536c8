import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { fieldErrors, problemMessage, setServerError } from '@copilot/ui';
import { debounceTime, distinctUntilChanged, startWith, switchMap } from 'rxjs';
import { CONNECTOR_NAMES } from './connector-catalogue';
import { Connector, ConnectorName, ConnectorsData, CustomerOption } from './connectors-data.service';

/** Admin dialog adding a customer's own instance of a connector; it starts unconfigured. */
@Component({
  selector: 'cp-connector-add',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    MatAutocomplete,
    MatAutocompleteTrigger,
  ],
  template: `
    <h2 mat-dialog-title>Add a customer instance</h2>
    <mat-dialog-content>
      <form id="connector-add-form" class="fields" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field>
          <mat-label>Connector</mat-label>
          <mat-select formControlName="name" required>
            @for (name of names; track name) {
              <mat-option [value]="name">{{ name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.name.getError('server') ?? 'Pick a connector' }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Customer code</mat-label>
          <input matInput formControlName="customerCode" [matAutocomplete]="auto" required autocomplete="off" />
          <mat-autocomplete #auto="matAutocomplete">
            @for (option of options(); track option.customerCode) {
              <mat-option [value]="option.customerCode">{{ option.name }} ({{ option.customerCode }})</mat-option>
            }
          </mat-autocomplete>
          <mat-hint>Type to search customers by name or code</mat-hint>
          <mat-error>{{ form.controls.customerCode.getError('server') ?? 'Pick a customer' }}</mat-error>
        </mat-form-field>
        @if (error(); as message) {
          <p class="ui-error-text" role="alert">{{ message }}</p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="connector-add-form" [disabled]="busy()">Add instance</button>
    </mat-dialog-actions>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding-top: 4px;
    }
  `,
})
export class ConnectorAddDialog {
  private readonly data = inject(ConnectorsData);
  private readonly ref = inject<MatDialogRef<ConnectorAddDialog, Connector>>(MatDialogRef);
  protected readonly names = CONNECTOR_NAMES;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly options = signal<CustomerOption[]>([]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['' as ConnectorName | '', Validators.required],
    customerCode: ['', Validators.required],
  });

  constructor() {
    this.form.controls.customerCode.valueChanges
      .pipe(
        startWith(''),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => this.data.searchCustomers(q.trim()).catch(() => [])),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((options) => this.options.set(options));
  }

  protected async save(): Promise<void> {
    const { name, customerCode } = this.form.getRawValue();
    if (this.form.invalid || name === '' || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.create({ name, customerCode: customerCode.trim() }));
    } catch (error) {
      const fields = fieldErrors(error);
      for (const [field, message] of Object.entries(fields)) {
        setServerError(this.form.get(field), message);
      }
      if (!fields['name'] && !fields['customerCode']) {
        this.error.set(problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
