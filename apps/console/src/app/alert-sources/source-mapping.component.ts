import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { CustomerSelectComponent } from '../shared/customer-select.component';
import { DEFAULT_CUSTOMER_FIELDS, IOC_TYPES, LIMITS, MAPPING_DEFAULTS, MappingField } from './source-defaults';
import { MAPPING_FIELDS, SourceForm, iocGroup, mapGroup } from './source-form';

const LABELS: Record<MappingField, string> = {
  title: 'Title',
  ruleId: 'Rule id',
  asset: 'Asset',
  agentId: 'Agent id',
  eventTime: 'Event time',
  severity: 'Severity',
  description: 'Description',
};

/**
 * Where a source finds each alert field in a document: paths left empty use the default shown as placeholder;
 * IoC paths; which fields name the customer and how their values map to customer codes.
 */
@Component({
  selector: 'cp-source-mapping',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
    MatTooltip,
    CustomerSelectComponent,
  ],
  template: `
    <div [formGroup]="group()">
      <div class="ui-form-grid">
        @for (field of fields; track field) {
          <mat-form-field>
            <mat-label>{{ labels[field] }}</mat-label>
            <input matInput [formControlName]="field" [placeholder]="defaults[field]" [attr.data-testid]="'mapping-' + field" />
            <mat-hint>Default: {{ defaults[field] }}</mat-hint>
            @if (group().controls[field].hasError('pattern')) {
              <mat-error>A field path such as rule.level or rule_level</mat-error>
            } @else if (group().controls[field].getError('server'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        }
      </div>

      <h3>Customer</h3>
      <mat-form-field class="wide">
        <mat-label>Customer fields, in order</mat-label>
        <textarea matInput rows="4" formControlName="customerFields" [placeholder]="defaultCustomerFields" data-testid="mapping-customer-fields"></textarea>
        <mat-hint>One path per line; the first one present in a document decides its customer. Empty: the defaults shown.</mat-hint>
        @if (group().controls.customerFields.getError('path'); as bad) {
          <mat-error>“{{ bad }}” is not a field path</mat-error>
        } @else if (group().controls.customerFields.hasError('tooMany')) {
          <mat-error>At most {{ limits.customerFields }} fields</mat-error>
        } @else if (group().controls.customerFields.getError('server'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <p class="ui-muted">
        Values are matched to customer codes as they are, ignoring case. Map other values (an organisation id, a label) here.
      </p>
      <div formArrayName="customerMap">
        @for (row of group().controls.customerMap.controls; track row; let i = $index) {
          <div class="row" [formGroupName]="i" [attr.data-testid]="'customer-map-' + i">
            <mat-form-field>
              <mat-label>Field value</mat-label>
              <input matInput formControlName="value" />
              @if (row.controls.value.hasError('required')) {
                <mat-error>Enter the value</mat-error>
              }
            </mat-form-field>
            <mat-icon aria-hidden="true">arrow_forward</mat-icon>
            <cp-customer-select
              [code]="row.controls.code.value"
              (codeChange)="row.controls.code.setValue($event)"
              [error]="row.controls.code.touched && row.controls.code.invalid ? 'Choose the customer' : null"
              [testId]="'customer-map-code-' + i"
            />
            <button mat-icon-button type="button" aria-label="Remove mapping" matTooltip="Remove" (click)="group().controls.customerMap.removeAt(i)">
              <mat-icon>delete_outline</mat-icon>
            </button>
          </div>
        }
      </div>
      @if (group().controls.customerMap.getError('server'); as message) {
        <p class="ui-error-text" role="alert">{{ message }}</p>
      }
      <button mat-stroked-button type="button" (click)="addMapping()"><mat-icon>add</mat-icon>Map a value to a customer</button>

      <h3>Indicators (IoCs)</h3>
      <div formArrayName="iocs">
        @for (row of group().controls.iocs.controls; track row; let i = $index) {
          <div class="row" [formGroupName]="i">
            <mat-form-field>
              <mat-label>Path</mat-label>
              <input matInput formControlName="path" />
              @if (row.controls.path.invalid) {
                <mat-error>A field path such as data.srcip</mat-error>
              }
            </mat-form-field>
            <mat-form-field class="type">
              <mat-label>Type</mat-label>
              <mat-select formControlName="type">
                @for (type of iocTypes; track type) {
                  <mat-option [value]="type">{{ type }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button mat-icon-button type="button" aria-label="Remove IoC path" matTooltip="Remove" (click)="group().controls.iocs.removeAt(i)">
              <mat-icon>delete_outline</mat-icon>
            </button>
          </div>
        } @empty {
          <p class="ui-muted">No IoC paths: alerts of this source carry no indicators.</p>
        }
      </div>
      <button mat-stroked-button type="button" [disabled]="group().controls.iocs.length >= limits.iocs" (click)="addIoc()">
        <mat-icon>add</mat-icon>Add IoC path
      </button>
    </div>
  `,
  styles: `
    h3 {
      margin: 20px 0 8px;
      font: var(--mat-sys-title-small);
    }
    .wide {
      width: 100%;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 12px;
      > mat-form-field,
      > cp-customer-select {
        flex: 1 1 220px;
      }
      > .type {
        flex: 0 1 160px;
      }
    }
  `,
})
export class SourceMappingComponent {
  private readonly fb = inject(NonNullableFormBuilder);
  readonly group = input.required<SourceForm['controls']['mapping']>();
  protected readonly fields = MAPPING_FIELDS;
  protected readonly labels = LABELS;
  protected readonly defaults = MAPPING_DEFAULTS;
  protected readonly defaultCustomerFields = DEFAULT_CUSTOMER_FIELDS.join('\n');
  protected readonly iocTypes = IOC_TYPES;
  protected readonly limits = LIMITS;

  protected addMapping(): void {
    this.group().controls.customerMap.push(mapGroup(this.fb, '', null));
  }

  protected addIoc(): void {
    this.group().controls.iocs.push(iocGroup(this.fb, '', 'IP'));
  }
}
