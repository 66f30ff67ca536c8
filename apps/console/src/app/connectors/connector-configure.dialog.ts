import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { fieldErrors, problemMessage, setServerError, statusOf } from '@copilot/ui';
import { toFormValue, toUpdateBody } from './connector-body';
import { CONNECTOR_KINDS, usesApiKey, usesFile, usesPassword } from './connector-catalogue';
import { Connector, ConnectorsData } from './connectors-data.service';

/** The saved connector, or `stale` when the api refused the save because someone else saved first. */
export type ConfigureOutcome = Connector | 'stale';

/** Admin dialog editing a connector's address, credentials (write-only) and TLS settings. */
@Component({
  selector: 'cp-connector-configure',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatIcon,
    MatInput,
    MatSlideToggle,
  ],
  templateUrl: './connector-configure.dialog.html',
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding-top: 4px;
    }
    .tls-warning {
      display: flex;
      gap: 8px;
      align-items: center;
      color: light-dark(#6b4e00, #ffd97a);
      font: var(--mat-sys-body-small);
      margin: 4px 0 12px;
    }
    .secret-row mat-checkbox {
      margin: -8px 0 8px;
    }
  `,
})
export class ConnectorConfigureDialog {
  private readonly data = inject(ConnectorsData);
  private readonly ref = inject<MatDialogRef<ConnectorConfigureDialog, ConfigureOutcome>>(MatDialogRef);
  protected readonly connector = inject<Connector>(MAT_DIALOG_DATA);
  protected readonly extraKeys = CONNECTOR_KINDS[this.connector.name].extraKeys;
  protected readonly showPassword = usesPassword(this.connector.name);
  protected readonly showApiKey = usesApiKey(this.connector.name);
  protected readonly showFile = usesFile(this.connector.name);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly initial = toFormValue(this.connector);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    url: [this.initial.url],
    username: [this.initial.username],
    password: [''],
    clearPassword: [false],
    apiKey: [''],
    clearApiKey: [false],
    clearFile: [false],
    verifyTls: [this.initial.verifyTls],
    caPem: [this.initial.caPem],
    extra: this.fb.record<string>(this.initial.extra),
  });

  constructor() {
    this.form.controls.clearPassword.valueChanges.subscribe((clear) => this.toggle('password', clear));
    this.form.controls.clearApiKey.valueChanges.subscribe((clear) => this.toggle('apiKey', clear));
  }

  protected async save(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await this.data.update(
        this.connector.id,
        this.connector.version,
        toUpdateBody(this.connector, this.form.getRawValue()),
      );
      this.ref.close(saved);
    } catch (error) {
      if (statusOf(error) === 412) {
        this.ref.close('stale');
        return;
      }
      const fields = fieldErrors(error);
      const unplaced = Object.entries(fields).filter(([field, message]) => {
        const control = this.form.get(field);
        setServerError(control, message);
        return control === null;
      });
      if (Object.keys(fields).length === 0 || unplaced.length > 0) {
        this.error.set(unplaced.length > 0 ? unplaced.map(([, message]) => message).join(' ') : problemMessage(error));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private toggle(field: 'password' | 'apiKey', clear: boolean): void {
    const control = this.form.controls[field];
    if (clear) {
      control.setValue('');
      control.disable();
    } else {
      control.enable();
    }
  }
}
