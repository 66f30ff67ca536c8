import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, SecretDecryptError, ServiceUnavailableError } from '@copilot/api-core';
import { missingSettings, notConfiguredMessage, type ConnectorName } from './catalogue';
import { Connector, GLOBAL_OWNER } from './connector.entity';
import { CONNECTOR_PROVIDERS, type ConnectorProvider, type ConnectorSecrets, type ConnectorSettings } from './connector-provider';
import { ConnectorVault } from './connector-vault';

/** A connector row ready to build a client from: settings, decrypted secrets and a fingerprint of both. */
export interface UsableConnector {
  settings: ConnectorSettings;
  secrets: ConnectorSecrets;
  /** Changes whenever anything a client is built from changes, so cached clients know when to rebuild. */
  fingerprint: string;
}

/** Maps catalogue names to providers, and resolves which instance serves a customer. */
@Injectable()
export class ConnectorRegistry {
  private readonly providers = new Map<ConnectorName, ConnectorProvider>();

  constructor(
    @Inject(CONNECTOR_PROVIDERS) providers: ConnectorProvider[],
    @InjectDataSource() private readonly db: DataSource,
    private readonly vault: ConnectorVault,
    private readonly config: AppConfig,
  ) {
    for (const provider of providers) this.providers.set(provider.name, provider);
  }

  provider(name: string): ConnectorProvider | undefined {
    return this.providers.get(name as ConnectorName);
  }

  /** The customer's own instance when it has one, else the global instance; null when neither exists. */
  async resolve(name: ConnectorName, customerCode?: string | null): Promise<Connector | null> {
    const repo = this.db.getRepository(Connector);
    if (customerCode) {
      const own = await repo.findOne({ where: { name, ownerKey: customerCode } });
      if (own) return own;
    }
    return repo.findOne({ where: { name, ownerKey: GLOBAL_OWNER } });
  }

  /**
   * resolve() for a feature that is about to call the system: a missing or unconfigured connector, or one whose
   * credentials cannot be decrypted, is a 503 naming the connector. Whether it was verified does not matter.
   */
  async resolveUsable(name: ConnectorName, customerCode?: string | null): Promise<UsableConnector> {
    return this.usable(name, await this.resolve(name, customerCode));
  }

  /** One named instance (e.g. the indexer an alert source reads); a row of another kind counts as missing. */
  async resolveUsableById(name: ConnectorName, id: number): Promise<UsableConnector> {
    const row = await this.db.getRepository(Connector).findOne({ where: { id, name } });
    return this.usable(name, row, `instance ${id} not found`);
  }

  private usable(name: ConnectorName, row: Connector | null, missing = 'not configured'): UsableConnector {
    if (!row) throw new ServiceUnavailableError(name, missing);
    if (!row.configured) throw new ServiceUnavailableError(name, notConfiguredMessage(missingSettings(name, presentFields(row))));
    let secrets: ConnectorSecrets;
    try {
      secrets = this.vault.open(row);
    } catch (err) {
      if (err instanceof SecretDecryptError) throw new ServiceUnavailableError(name, err.message);
      throw err;
    }
    const fingerprint = this.vault.fingerprint({
      ...secrets,
      url: row.url,
      username: row.username,
      verifyTls: row.verifyTls,
      caPem: row.caPem,
      fileName: row.fileName,
      extra: row.extra ?? {},
    });
    return { settings: this.settingsOf(row), secrets, fingerprint: `${row.id}:${fingerprint}` };
  }

  settingsOf(row: Connector): ConnectorSettings {
    return {
      id: row.id,
      name: row.name as ConnectorName,
      customerCode: row.customerCode,
      url: row.url,
      username: row.username,
      verifyTls: row.verifyTls,
      caPem: row.caPem,
      extra: row.extra ?? {},
      allowLinkLocal: this.config.outboundAllowLinkLocal,
    };
  }
}

export function presentFields(row: Connector): { url: boolean; username: boolean; password: boolean; apiKey: boolean; file: boolean } {
  return {
    url: !!row.url,
    username: !!row.username,
    password: row.passwordEnc !== null,
    apiKey: row.apiKeyEnc !== null,
    file: row.fileEnc !== null,
  };
}
