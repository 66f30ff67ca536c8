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
import { WazuhManagerClient } from './wazuh-manager.client';
import { WAZUH_MANAGER } from './wazuh-manager.types';

/** Builds Wazuh-Manager clients from connector rows, and verifies them. */
@Injectable()
export class WazuhManagerProvider extends ClientConnectorProvider<WazuhManagerClient> {
  readonly name: ConnectorName = WAZUH_MANAGER;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): WazuhManagerClient {
    return new WazuhManagerClient(
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
 * The typed Wazuh-Manager client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so the JWT, connection pool and circuit breaker
 * survive between calls: one login serves every call until the token nears its expiry.
 */
@Injectable()
export class WazuhManagerClientFactory extends ConnectorClientFactory<WazuhManagerClient> {
  constructor(registry: ConnectorRegistry, provider: WazuhManagerProvider) {
    super(registry, provider);
  }
}
