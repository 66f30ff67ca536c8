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
import { GraylogClient } from './graylog.client';
import { GRAYLOG } from './graylog.types';

/** Builds Graylog clients from connector rows, and verifies them. */
@Injectable()
export class GraylogProvider extends ClientConnectorProvider<GraylogClient> {
  readonly name: ConnectorName = GRAYLOG;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /**
   * An API key, when the row has one, is a Graylog access token (kept encrypted like any secret); otherwise the
   * username and password are used, which also covers Graylog's own token convention (token as username,
   * password `token`). Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s).
   */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): GraylogClient {
    return new GraylogClient(
      {
        ...rowTransport(settings),
        ...(secrets.apiKey
          ? { token: secrets.apiKey }
          : { username: settings.username ?? '', password: secrets.password ?? '' }),
      },
      this.outbound,
    );
  }

}

/**
 * The typed Graylog client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive
 * between calls.
 */
@Injectable()
export class GraylogClientFactory extends ConnectorClientFactory<GraylogClient> {
  constructor(registry: ConnectorRegistry, provider: GraylogProvider) {
    super(registry, provider);
  }
}
