import { Inject, Injectable } from '@nestjs/common';
import type { OutboundClientFactory } from '@copilot/api-core';
import { CATALOGUE, type ConnectorName } from '../registry/catalogue';
import { ClientConnectorProvider, ConnectorClientFactory, rowTransport } from '../registry/client-provider';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorSecrets,
  type ConnectorSettings,
} from '../registry/connector-provider';
import { VirusTotalBudgets } from './virustotal.budget';
import { VirusTotalClient } from './virustotal.client';
import { VIRUSTOTAL, VIRUSTOTAL_DEFAULT_URL } from './virustotal.types';

/**
 * Builds VirusTotal clients from connector rows, and verifies them. It owns the per-key budgets (rate limiter and
 * report cache), so every client of a key, the factory's and verify's short-lived ones alike, spends one quota.
 */
@Injectable()
export class VirusTotalProvider extends ClientConnectorProvider<VirusTotalClient> {
  readonly name: ConnectorName = VIRUSTOTAL;
  private readonly budgets = new VirusTotalBudgets();

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): VirusTotalClient {
    const url = settings.url || CATALOGUE.VirusTotal.defaultUrl || VIRUSTOTAL_DEFAULT_URL;
    const apiKey = secrets.apiKey ?? '';
    return new VirusTotalClient(
      // VirusTotal is a public SaaS: no URL on the row means the public API.
      { ...rowTransport(settings), url, apiKey },
      this.outbound,
      this.budgets.get(url, apiKey),
    );
  }

}

/**
 * The typed VirusTotal client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive
 * (the rate limiter and cache live in the provider, per key, and survive a rebuild too).
 */
@Injectable()
export class VirusTotalClientFactory extends ConnectorClientFactory<VirusTotalClient> {
  constructor(registry: ConnectorRegistry, provider: VirusTotalProvider) {
    super(registry, provider);
  }
}
