import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type OutboundClientFactory } from '@copilot/api-core';
import { CATALOGUE, type ConnectorName } from '../registry/catalogue';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorProvider,
  type ConnectorSecrets,
  type ConnectorSettings,
  type VerifyOutcome,
} from '../registry/connector-provider';
import { VirusTotalBudgets } from './virustotal.budget';
import { VirusTotalClient } from './virustotal.client';
import { VIRUSTOTAL, VIRUSTOTAL_DEFAULT_URL } from './virustotal.types';

/**
 * Builds VirusTotal clients from connector rows, and verifies them. It owns the per-key budgets (rate limiter and
 * report cache), so every client of a key, the factory's and verify's short-lived ones alike, spends one quota.
 */
@Injectable()
export class VirusTotalProvider implements ConnectorProvider {
  readonly name: ConnectorName = VIRUSTOTAL;
  private readonly budgets = new VirusTotalBudgets();

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {}

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): VirusTotalClient {
    const url = settings.url || CATALOGUE.VirusTotal.defaultUrl || VIRUSTOTAL_DEFAULT_URL;
    const apiKey = secrets.apiKey ?? '';
    return new VirusTotalClient(
      {
        url,
        apiKey,
        verifyTls: settings.verifyTls,
        caPem: settings.caPem ?? undefined,
        // One circuit per connector row: a customer's broken proxy never fails fast for the global instance.
        circuitKey: `connector:${settings.id}`,
        allowLinkLocal: settings.allowLinkLocal,
      },
      this.outbound,
      this.budgets.get(url, apiKey),
    );
  }

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: VirusTotalClient;
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
 * The typed VirusTotal client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive
 * (the rate limiter and cache live in the provider, per key, and survive a rebuild too).
 */
@Injectable()
export class VirusTotalClientFactory implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: VirusTotalClient }>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: VirusTotalProvider,
  ) {}

  /** Throws ServiceUnavailableError('VirusTotal', ...) → 503 when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<VirusTotalClient> {
    const usable = await this.registry.resolveUsable(VIRUSTOTAL, customerCode);
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
