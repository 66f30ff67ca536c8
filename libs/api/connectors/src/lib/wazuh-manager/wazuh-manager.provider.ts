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
import { WazuhManagerClient } from './wazuh-manager.client';
import { WAZUH_MANAGER } from './wazuh-manager.types';

/** Builds Wazuh-Manager clients from connector rows, and verifies them. */
@Injectable()
export class WazuhManagerProvider implements ConnectorProvider {
  readonly name: ConnectorName = WAZUH_MANAGER;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {}

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): WazuhManagerClient {
    return new WazuhManagerClient(
      {
        url: settings.url ?? '',
        username: settings.username ?? '',
        password: secrets.password ?? '',
        verifyTls: settings.verifyTls,
        caPem: settings.caPem ?? undefined,
        // One circuit per connector row: a customer's dead manager never fails fast for the global one.
        circuitKey: `connector:${settings.id}`,
        allowLinkLocal: settings.allowLinkLocal,
      },
      this.outbound,
    );
  }

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: WazuhManagerClient;
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
 * The typed Wazuh-Manager client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so the JWT, connection pool and circuit breaker
 * survive between calls: one login serves every call until the token nears its expiry.
 */
@Injectable()
export class WazuhManagerClientFactory implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: WazuhManagerClient }>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: WazuhManagerProvider,
  ) {}

  /** Throws ServiceUnavailableError('Wazuh-Manager', ...) → 503 when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<WazuhManagerClient> {
    const usable = await this.registry.resolveUsable(WAZUH_MANAGER, customerCode);
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
