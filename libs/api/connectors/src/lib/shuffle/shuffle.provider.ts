import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type OutboundClientFactory } from '@copilot/api-core';
import type { ConnectorName } from '../registry/catalogue';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorProvider,
  type ConnectorSecrets,
  type ConnectorSettings,
  type VerifyOutcome,
} from '../registry/connector-provider';
import { ShuffleClient } from './shuffle.client';
import { SHUFFLE } from './shuffle.types';

/** Builds Shuffle clients from connector rows, and verifies them. */
@Injectable()
export class ShuffleProvider implements ConnectorProvider {
  readonly name: ConnectorName = SHUFFLE;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {}

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): ShuffleClient {
    return new ShuffleClient(
      {
        url: settings.url ?? '',
        apiKey: secrets.apiKey ?? '',
        verifyTls: settings.verifyTls,
        caPem: settings.caPem ?? undefined,
        // One circuit per connector row: a customer's dead Shuffle never fails fast for the global one.
        circuitKey: `connector:${settings.id}`,
        allowLinkLocal: settings.allowLinkLocal,
      },
      this.outbound,
    );
  }

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: ShuffleClient;
    try {
      client = this.createClient(settings, secrets);
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, message: err.message };
      throw err;
    }
    try {
      return await client.verify();
    } finally {
      await client.close();
    }
  }
}

/**
 * The typed Shuffle client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive.
 */
@Injectable()
export class ShuffleClientFactory implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: ShuffleClient }>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: ShuffleProvider,
  ) {}

  /** Throws ServiceUnavailableError('Shuffle', ...) → 503 when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<ShuffleClient> {
    const usable = await this.registry.resolveUsable(SHUFFLE, customerCode);
    const cached = this.clients.get(usable.settings.id);
    if (cached && cached.fingerprint === usable.fingerprint) return cached.client;
    const client = this.provider.createClient(usable.settings, usable.secrets);
    this.clients.set(usable.settings.id, { fingerprint: usable.fingerprint, client });
    // The replaced client may still be serving a caller's request; close it once that has had time to finish.
    if (cached) setTimeout(() => void cached.client.close().catch(() => undefined), 60_000).unref();
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(open.map(({ client }) => client.close().catch(() => undefined)));
  }
}
