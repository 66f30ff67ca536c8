import { Injectable } from '@nestjs/common';
import { AppConfig, SecretBox } from '@copilot/api-core';
import type { Connector } from './connector.entity';
import type { ConnectorSecrets } from './connector-provider';

type SecretField = 'password' | 'apiKey' | 'file';

const COLUMN: Record<SecretField, 'passwordEnc' | 'apiKeyEnc' | 'fileEnc'> = {
  password: 'passwordEnc',
  apiKey: 'apiKeyEnc',
  file: 'fileEnc',
};

/** The values of a connector that come from the environment for a global row (and that an operator may edit). */
export interface ConnectorValues {
  url: string | null;
  username: string | null;
  password: string | null;
  apiKey: string | null;
  verifyTls: boolean;
  caPem: string | null;
  fileName: string | null;
  file: string | null;
  extra: Record<string, string>;
}

/**
 * Seals and opens connector credentials. Each value is bound (as GCM associated data) to its connector name, owner
 * and field, all fixed for the life of a row, so a sealed password copied into another row or column fails to open
 * instead of being sent to the wrong system.
 */
@Injectable()
export class ConnectorVault {
  private readonly box: SecretBox;

  constructor(config: AppConfig) {
    this.box = new SecretBox(config.encryptionKey);
  }

  seal(row: Pick<Connector, 'name' | 'ownerKey'>, field: SecretField, value: string | null): string | null {
    return value === null ? null : this.box.seal(value, context(row, field));
  }

  /** Throws SecretDecryptError when a value cannot be opened (another key, or altered). */
  open(row: Connector): ConnectorSecrets {
    const read = (field: SecretField) => {
      const sealed = row[COLUMN[field]];
      return sealed === null ? null : this.box.open(sealed, context(row, field));
    };
    return { password: read('password'), apiKey: read('apiKey'), file: read('file') };
  }

  valuesOf(row: Connector): ConnectorValues {
    const secrets = this.open(row);
    return {
      url: row.url,
      username: row.username,
      password: secrets.password,
      apiKey: secrets.apiKey,
      verifyTls: row.verifyTls,
      caPem: row.caPem,
      fileName: row.fileName,
      file: secrets.file,
      extra: row.extra ?? {},
    };
  }

  /** Keyed fingerprint of a set of values (see Connector.seededHash); order-independent in `extra`. */
  fingerprint(values: ConnectorValues): string {
    const extra = Object.keys(values.extra)
      .sort()
      .map((k) => [k, values.extra[k]]);
    const { url, username, password, apiKey, verifyTls, caPem, fileName, file } = values;
    return this.box.digest(JSON.stringify([url, username, password, apiKey, verifyTls, caPem, fileName, file, extra]));
  }

  sameFingerprint(a: string, b: string | null): boolean {
    return b !== null && SecretBox.sameDigest(a, b);
  }
}

function context(row: Pick<Connector, 'name' | 'ownerKey'>, field: SecretField): string {
  return `connectors|${row.name}|${row.ownerKey}|${field}`;
}
