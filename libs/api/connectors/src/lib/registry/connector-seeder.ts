import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, SecretDecryptError, type ConnectorEnvMap, type ConnectorEnvValues } from '@copilot/api-core';
import { CATALOGUE, CONNECTOR_NAMES, missingSettings, type ConnectorName } from './catalogue';
import { Connector, GLOBAL_OWNER } from './connector.entity';
import { presentFields } from './connector-registry';
import { ConnectorVault, type ConnectorValues } from './connector-vault';
import { checkCredentialFile } from './credential-file';

export interface SeedSummary {
  created: string[];
  /** Rows still at their seeded values whose environment changed: now following it. */
  updated: string[];
  /** Rows an operator edited (or whose secrets cannot be read) while the environment says otherwise: left alone. */
  kept: string[];
}

/**
 * Boot step 4 for connectors: one global row per catalogue entry, seeded from the environment. A row whose values
 * still match the fingerprint of what was last seeded follows the environment; an edited row is never overwritten;
 * re-running never duplicates (the unique (name, owner) index decides races between replicas).
 */
@Injectable()
export class ConnectorSeeder {
  private readonly logger = new Logger('Boot');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vault: ConnectorVault,
  ) {}

  async seed(env: ConnectorEnvMap): Promise<SeedSummary> {
    const summary: SeedSummary = { created: [], updated: [], kept: [] };
    for (const name of CONNECTOR_NAMES) {
      const desired = this.desiredValues(name, env[name]);
      const outcome = await this.seedOne(name, desired);
      if (outcome) summary[outcome].push(name);
    }
    return summary;
  }

  private async seedOne(name: ConnectorName, desired: ConnectorValues): Promise<keyof SeedSummary | null> {
    const repo = this.db.getRepository(Connector);
    const identity = { name, ownerKey: GLOBAL_OWNER };
    const desiredHash = this.vault.fingerprint(desired);
    const row = await repo.findOne({ where: identity });
    if (!row) {
      const fresh = { ...identity, customerCode: null, ...this.columnsFor(identity, desired), seededHash: desiredHash, verified: false, lastVerifiedAt: null, lastError: null };
      try {
        await repo.insert(fresh);
        return 'created';
      } catch (err) {
        // Another replica seeding at the same moment wins at the unique index; its row is as good as ours.
        if (await repo.exists({ where: identity })) return null;
        throw err;
      }
    }
    let currentHash: string;
    try {
      currentHash = this.vault.fingerprint(this.vault.valuesOf(row));
    } catch (err) {
      if (!(err instanceof SecretDecryptError)) throw err;
      this.logger.error(`connector ${name}: ${err.message}; its stored values are left as they are`);
      return 'kept';
    }
    if (currentHash === desiredHash) {
      // Edited to exactly what the environment now says: it is at its seeded values again, so it follows the
      // environment from here on. Not an edit, so the version stays.
      if (row.seededHash !== desiredHash) {
        await repo.createQueryBuilder().update(Connector).set({ seededHash: desiredHash, version: () => 'version' }).where('id = :id', { id: row.id }).execute();
      }
      return null;
    }
    if (!this.vault.sameFingerprint(currentHash, row.seededHash)) {
      this.logger.warn(`connector ${name} was edited in the app; its environment values differ and are not applied`);
      return 'kept';
    }
    const res = await repo
      .createQueryBuilder()
      .update(Connector)
      .set({ ...this.columnsFor(row, desired), seededHash: desiredHash, verified: false, lastError: null })
      // Only if nobody changed it since we read it (another replica seeding, or an operator saving).
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .execute();
    return (res.affected ?? 0) > 0 ? 'updated' : null;
  }

  private columnsFor(identity: Pick<Connector, 'name' | 'ownerKey'>, values: ConnectorValues): Partial<Connector> {
    const columns: Partial<Connector> = {
      url: values.url,
      username: values.username,
      passwordEnc: this.vault.seal(identity, 'password', values.password),
      apiKeyEnc: this.vault.seal(identity, 'apiKey', values.apiKey),
      fileEnc: this.vault.seal(identity, 'file', values.file),
      fileName: values.fileName,
      extra: values.extra,
      verifyTls: values.verifyTls,
      caPem: values.caPem,
    };
    columns.configured = missingSettings(identity.name as ConnectorName, presentFields(columns as Connector)).length === 0;
    return columns;
  }

  private desiredValues(name: ConnectorName, env: ConnectorEnvValues): ConnectorValues {
    let file: { fileName: string; content: string } | null = null;
    if (env.apiConfig) {
      try {
        file = checkCredentialFile(name, env.apiConfig.fileName, Buffer.from(env.apiConfig.content, 'utf8'));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // A bad file must not stop boot: the connector stays unconfigured and the log says why.
        this.logger.warn(`connector ${name}: ${env.apiConfig.path} is not usable (${err.message}); upload a file in the app`);
      }
    }
    return {
      url: env.url ?? CATALOGUE[name].defaultUrl ?? null,
      username: env.username ?? null,
      password: env.password ?? null,
      apiKey: env.apiKey ?? null,
      verifyTls: env.verifyTls ?? true,
      caPem: env.ca?.content ?? null,
      fileName: file?.fileName ?? null,
      file: file?.content ?? null,
      extra: { ...env.extra },
    };
  }
}
