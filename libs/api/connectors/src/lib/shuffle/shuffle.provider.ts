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
import { ShuffleClient } from './shuffle.client';
import { SHUFFLE } from './shuffle.types';

/** Builds Shuffle clients from connector rows, and verifies them. */
@Injectable()
export class ShuffleProvider extends ClientConnectorProvider<ShuffleClient> {
  readonly name: ConnectorName = SHUFFLE;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): ShuffleClient {
    return new ShuffleClient(
      {
        ...rowTransport(settings),
        apiKey: secrets.apiKey ?? '',
      },
      this.outbound,
    );
  }

}

/**
 * The typed Shuffle client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive.
 */
@Injectable()
export class ShuffleClientFactory extends ConnectorClientFactory<ShuffleClient> {
  constructor(registry: ConnectorRegistry, provider: ShuffleProvider) {
    super(registry, provider);
  }
}
