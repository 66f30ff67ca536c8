import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardActions, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  ConfirmService,
  CursorPager,
  CursorPagerComponent,
  EmptyStateComponent,
  Notifier,
  PageHeaderComponent,
  SessionService,
  StatusChipComponent,
} from '@copilot/ui';
import { firstValueFrom } from 'rxjs';
import { ConnectorAddDialog } from './connector-add.dialog';
import { CONNECTOR_KINDS, usesApiKey, usesFile, usesPassword } from './connector-catalogue';
import { ConfigureOutcome, ConnectorConfigureDialog } from './connector-configure.dialog';
import { Connector, ConnectorsData } from './connectors-data.service';
import { readCredentialFile } from './credential-file';

/** Global connectors and customers' own instances as cards: state, secrets set (never their values), actions. */
@Component({
  selector: 'cp-connector-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButton,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatCardActions,
    MatIcon,
    MatProgressBar,
    CursorPagerComponent,
    EmptyStateComponent,
    PageHeaderComponent,
    StatusChipComponent,
  ],
  templateUrl: './connector-list.page.html',
  styleUrl: './connector-list.page.scss',
})
export class ConnectorListPage {
  private readonly data = inject(ConnectorsData);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(ConfirmService);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);

  protected readonly kinds = CONNECTOR_KINDS;
  protected readonly usesPassword = usesPassword;
  protected readonly usesApiKey = usesApiKey;
  protected readonly usesFile = usesFile;
  protected readonly isAdmin = computed(() => this.session.scopes().includes('admin'));
  protected readonly pager = new CursorPager<Connector>((cursor, limit) => this.data.list(cursor, limit), 50);
  /** Ids of the connectors with a call under way (their buttons are disabled). */
  protected readonly busy = signal<ReadonlySet<number>>(new Set());

  constructor() {
    void this.pager.reload();
  }

  protected fileLabel(connector: Connector): string {
    if (!connector.fileSet) {
      return 'No credential file';
    }
    return connector.fileName ? `Credential file set (${connector.fileName})` : 'Credential file set';
  }

  protected async verify(connector: Connector): Promise<void> {
    await this.track(connector.id, async () => {
      try {
        const result = await this.data.verify(connector.id);
        // The api's message names the connector already ("Shuffle: not configured: set URL and API key").
        const text = result.message.includes(connector.name) ? result.message : `${connector.name}: ${result.message}`;
        if (result.connectionSuccessful) {
          this.notifier.success(text);
        } else {
          this.notifier.warn(text);
        }
      } catch (error) {
        this.notifier.error(error);
      }
      await this.refreshRow(connector.id);
    });
  }

  protected async configure(connector: Connector): Promise<void> {
    const ref = this.dialog.open<ConnectorConfigureDialog, Connector, ConfigureOutcome>(ConnectorConfigureDialog, {
      data: connector,
      width: '640px',
      autoFocus: 'first-tabbable',
    });
    const outcome = await firstValueFrom(ref.afterClosed());
    if (outcome === 'stale') {
      this.notifier.warn('Someone else saved this connector in the meantime. Their version is shown now; apply your change again.');
      await this.refreshRow(connector.id);
    } else if (outcome) {
      this.replaceRow(outcome);
      this.notifier.success(`${outcome.name} saved.`);
    }
  }

  protected async upload(connector: Connector, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) {
      return;
    }
    await this.track(connector.id, async () => {
      try {
        this.replaceRow(await this.data.uploadFile(connector.id, await readCredentialFile(file)));
        this.notifier.success(`Credential file “${file.name}” stored for ${connector.name}.`);
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  protected async add(): Promise<void> {
    const ref = this.dialog.open<ConnectorAddDialog, undefined, Connector>(ConnectorAddDialog, { width: '480px' });
    const created = await firstValueFrom(ref.afterClosed());
    if (created) {
      this.notifier.success(`${created.name} instance added for ${created.customerCode}. Configure it next.`);
      await this.pager.refresh();
    }
  }

  protected async remove(connector: Connector): Promise<void> {
    const confirmed = await this.confirmer.confirm({
      title: `Delete ${connector.name} of ${connector.customerCode}?`,
      message: 'The customer goes back to using the global connector. Its stored secrets are removed for good.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!confirmed) {
      return;
    }
    await this.track(connector.id, async () => {
      try {
        await this.data.remove(connector.id);
        this.notifier.success(`${connector.name} instance of ${connector.customerCode} deleted.`);
        await this.pager.refresh();
      } catch (error) {
        this.notifier.error(error);
      }
    });
  }

  private async refreshRow(id: number): Promise<void> {
    try {
      this.replaceRow(await this.data.get(id));
    } catch (error) {
      this.notifier.error(error);
    }
  }

  private replaceRow(connector: Connector): void {
    this.pager.items.update((items) => items.map((item) => (item.id === connector.id ? connector : item)));
  }

  private async track(id: number, work: () => Promise<void>): Promise<void> {
    this.busy.update((ids) => new Set([...ids, id]));
    try {
      await work();
    } finally {
      this.busy.update((ids) => new Set([...ids].filter((other) => other !== id)));
    }
  }
}
