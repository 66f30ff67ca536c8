import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { BadInputError, DomainError, type OutboundClientFactory } from '@copilot/api-core';
import type { ConnectorName } from '../registry/catalogue';
import { ConnectorRegistry } from '../registry/connector-registry';
import {
  CONNECTOR_OUTBOUND,
  type ConnectorProvider,
  type ConnectorSecrets,
  type ConnectorSettings,
  type VerifyOutcome,
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
export class PortainerProvider implements ConnectorProvider {
  readonly name: ConnectorName = PORTAINER;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {}

  /** Throws a 400 for a URL that is not http(s) or an endpoint id that is not a positive integer. */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): PortainerClient {
    return new PortainerClient(
      {
        url: settings.url ?? '',
        username: settings.username ?? undefined,
        password: secrets.password ?? undefined,
        // An access token, when set, replaces the login (no password round trip, no session to expire).
        apiKey: secrets.apiKey ?? undefined,
        endpointId: endpointIdFrom(settings.extra),
        verifyTls: settings.verifyTls,
        caPem: settings.caPem ?? undefined,
        // One circuit per connector row: a customer's dead Portainer never fails fast for the global one.
        circuitKey: `connector:${settings.id}`,
        allowLinkLocal: settings.allowLinkLocal,
      },
      this.outbound,
    );
  }

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: PortainerClient;
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
 * The typed Portainer client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row's settings change, so connection pools and circuit breakers survive.
 */
@Injectable()
export class PortainerClientFactory implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: PortainerClient }>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: PortainerProvider,
  ) {}

  /** Throws ServiceUnavailableError('Portainer', ...) → 503 when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<PortainerClient> {
    const usable = await this.registry.resolveUsable(PORTAINER, customerCode);
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
