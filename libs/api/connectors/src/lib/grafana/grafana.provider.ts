import { Inject, Injectable } from '@nestjs/common';
import type { OutboundClientFactory } from '@copilot/api-core';
import type { ConnectorName } from '../registry/catalogue';
import { ClientConnectorProvider, ConnectorClientFactory, rowTransport } from '../registry/client-provider';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorSecrets,
  type ConnectorSettings,
} from '../registry/connector-provider';
import { GrafanaClient } from './grafana.client';
import { GRAFANA } from './grafana.types';

/** Builds Grafana clients from connector rows (a service-account token when the API key is set, else Basic auth). */
@Injectable()
export class GrafanaProvider extends ClientConnectorProvider<GrafanaClient> {
  readonly name: ConnectorName = GRAFANA;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): GrafanaClient {
    return new GrafanaClient(
      {
        ...rowTransport(settings),
        username: settings.username ?? undefined,
        password: secrets.password ?? undefined,
        apiKey: secrets.apiKey ?? undefined,
      },
      this.outbound,
    );
  }

}

/**
 * The typed Grafana client for a customer (its own instance, else the global one). Clients are cached per connector
 * row and rebuilt when the row's settings change, so connection pools and circuit breakers survive between calls.
 */
@Injectable()
export class GrafanaClientFactory extends ConnectorClientFactory<GrafanaClient> {
  constructor(registry: ConnectorRegistry, provider: GrafanaProvider) {
    super(registry, provider);
  }
}
