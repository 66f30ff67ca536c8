import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { redactText, SecretDecryptError } from '@copilot/api-core';
import { missingSettings, notConfiguredMessage, type ConnectorName } from './catalogue';
import { Connector } from './connector.entity';
import type { ConnectorSecrets, VerifyOutcome } from './connector-provider';
import { ConnectorRegistry, presentFields } from './connector-registry';
import { ConnectorVault } from './connector-vault';

const MAX_ERROR_CHARS = 2000;

/**
 * Runs connector health checks and records their outcome on the row. Verify is a health check, not a gate: a
 * configured connector is used whatever the outcome, and a failed check is an answer, never an exception.
 */
@Injectable()
export class ConnectorVerifier implements OnApplicationShutdown {
  private readonly logger = new Logger('Connectors');
  private background: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly vault: ConnectorVault,
  ) {}

  /** Checks one row and stores verified / lastVerifiedAt / lastError. */
  async verify(row: Connector): Promise<VerifyOutcome> {
    const outcome = await this.check(row);
    await this.db
      .createQueryBuilder()
      .update(Connector)
      // Setting version and updated_at to themselves keeps them: a health check is not an edit, so a client
      // holding the row's version for If-Match must not get a 412 because someone pressed "verify".
      .set({
        verified: outcome.ok,
        lastVerifiedAt: new Date(),
        lastError: outcome.ok ? null : outcome.message.slice(0, MAX_ERROR_CHARS),
        version: () => 'version',
        updatedAt: () => 'updated_at',
      })
      .where('id = :id', { id: row.id })
      .execute();
    return outcome;
  }

  /**
   * Starts verifying every configured connector without waiting for it (boot must neither block on nor fail
   * because of a system that is down). `whenIdle()` resolves once the run finished.
   */
  verifyAllInBackground(): void {
    this.background = this.background.then(() => this.verifyAll()).catch((err: unknown) => {
      this.logger.error(`background verification stopped: ${redactText(String(err))}`);
    });
  }

  whenIdle(): Promise<void> {
    return this.background;
  }

  async onApplicationShutdown(): Promise<void> {
    // Every check has its own deadline, so this wait is bounded; it keeps updates off a closing database.
    await this.background;
  }

  private async verifyAll(): Promise<void> {
    const rows = await this.db.getRepository(Connector).find({ where: { configured: true }, order: { id: 'ASC' } });
    for (const row of rows) {
      const outcome = await this.verify(row);
      const which = `${row.name} (${row.customerCode ?? 'global'})`;
      if (outcome.ok) this.logger.log(`${which} verified: ${outcome.message}`);
      else this.logger.warn(`${which} did not verify: ${outcome.message}`);
    }
  }

  private async check(row: Connector): Promise<VerifyOutcome> {
    const name = row.name as ConnectorName;
    const provider = this.registry.provider(name);
    if (!provider) return { ok: false, message: `${name} support is not available in this version` };
    const missing = missingSettings(name, presentFields(row));
    if (missing.length > 0) return { ok: false, message: `${name}: ${notConfiguredMessage(missing)}` };
    let secrets: ConnectorSecrets;
    try {
      secrets = this.vault.open(row);
    } catch (err) {
      if (err instanceof SecretDecryptError) return { ok: false, message: `${name}: ${err.message}` };
      throw err;
    }
    try {
      return await provider.verify(this.registry.settingsOf(row), secrets);
    } catch (err) {
      // Providers explain failures themselves; reaching here is a bug, so keep the stack in the log.
      this.logger.error(`verify of ${name} failed unexpectedly: ${redactText(String(err))}`, err instanceof Error ? err.stack : undefined);
      return { ok: false, message: `${name}: unexpected error while verifying (see the api log)` };
    }
  }
}
