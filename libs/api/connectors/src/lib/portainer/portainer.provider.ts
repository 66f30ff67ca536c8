import { Inject, Injectable } from '@nestjs/common';
import { BadInputError, type OutboundClientFactory } from '@copilot/api-core';
import type { ConnectorName } from '../registry/catalogue';
import { ClientConnectorProvider, ConnectorClientFactory, rowTransport } from '../registry/client-provider';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorSecrets,
  type ConnectorSettings,
} from '../registry/connector-provider';
import { PortainerClient } from './portainer.client';
import { PORTAINER, PORTAINER_ENDPOINT_ID } from './portainer.types';

/** The default environment from the row's extra data; a value that is not a positive integer is refused. */
export function endpointIdFrom(extra: Record<string, string>): number | undefined {
  const raw = extra[PORTAINER_ENDPOINT_ID]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new BadInputError(`${PORTAINER}: ${PORTAINER_ENDPOINT_ID} must be a positive integer (got "${raw}")`, [
      { field: `extra.${PORTAINER_ENDPOINT_ID}`, message: 'must be a positive integer' },
    ]);
  }
  return Number(raw);
}

/** Builds Portainer clients from connector rows, and verifies them. */
@Injectable()
export class PortainerProvider extends ClientConnectorProvider<PortainerClient> {
  readonly name: ConnectorName = PORTAINER;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 for a URL that is not http(s) or an endpoint id that is not a positive integer. */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): PortainerClient {
    return new PortainerClient(
      {
        ...rowTransport(settings),
        username: settings.username ?? undefined,
        password: secrets.password ?? undefined,
        // An access token, when set, replaces the login (no password round trip, no session to expire).
        apiKey: secrets.apiKey ?? undefined,
        endpointId: endpointIdFrom(settings.extra),
      },
      this.outbound,
    );
  }

}

/**
 * The typed Portainer client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive.
 */
@Injectable()
export class PortainerClientFactory extends ConnectorClientFactory<PortainerClient> {
  constructor(registry: ConnectorRegistry, provider: PortainerProvider) {
    super(registry, provider);
  }
}
