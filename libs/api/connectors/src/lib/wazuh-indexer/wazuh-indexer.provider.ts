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
import { WazuhIndexerClient } from './wazuh-indexer.client';
import { WAZUH_INDEXER } from './wazuh-indexer.types';

/** Builds Wazuh-Indexer clients from connector rows, and verifies them. */
@Injectable()
export class WazuhIndexerProvider extends ClientConnectorProvider<WazuhIndexerClient> {
  readonly name: ConnectorName = WAZUH_INDEXER;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): WazuhIndexerClient {
    return new WazuhIndexerClient(
      {
        ...rowTransport(settings),
        username: settings.username ?? '',
        password: secrets.password ?? '',
      },
      this.outbound,
    );
  }

}

/**
 * The typed Wazuh-Indexer client for a customer (its own instance, else the global one), for domains such as the
 * incidents ingestion. Clients are cached per connector row and rebuilt when the row's settings change, so
 * connection pools and circuit breakers survive between calls.
 */
@Injectable()
export class WazuhIndexerClientFactory extends ConnectorClientFactory<WazuhIndexerClient> {
  constructor(registry: ConnectorRegistry, provider: WazuhIndexerProvider) {
    super(registry, provider);
  }
}
