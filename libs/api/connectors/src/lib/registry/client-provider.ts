import { OnApplicationShutdown } from '@nestjs/common';
import { DomainError, ServiceUnavailableError } from '@copilot/api-core';
import type { ConnectorName } from './catalogue';
import type { ConnectorProvider, ConnectorSecrets, ConnectorSettings, VerifyOutcome } from './connector-provider';
import type { ConnectorRegistry, UsableConnector } from './connector-registry';

/** The transport settings every HTTP connector client takes from its row. */
export interface RowTransport {
  url: string;
  verifyTls: boolean;
  caPem: string | undefined;
  circuitKey: string;
  allowLinkLocal: boolean;
}

/**
 * A row's transport settings for its client. One circuit per connector row: a customer's dead instance never
 * makes calls to the global one fail fast, nor the other way round.
 */
export function rowTransport(settings: ConnectorSettings): RowTransport {
  return {
    url: settings.url ?? '',
    verifyTls: settings.verifyTls,
    caPem: settings.caPem ?? undefined,
    circuitKey: `connector:${settings.id}`,
    allowLinkLocal: settings.allowLinkLocal,
  };
}

/** What every typed connector client offers the shared plumbing below. */
export interface ConnectorClient {
  verify(): Promise<VerifyOutcome>;
  close(): Promise<void>;
}

/**
 * A provider whose health check is "build the client from the row, verify, close". Subclasses only say how
 * to build their client.
 */
export abstract class ClientConnectorProvider<C extends ConnectorClient> implements ConnectorProvider {
  abstract readonly name: ConnectorName;

  /** Throws a DomainError (400) when the row cannot make a client, e.g. a URL that is not http(s). */
  abstract createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): C;

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: C;
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
 * The typed client for a customer (its own instance, else the global one), for the domains that use a
 * connector. Clients are cached per connector row and rebuilt when the row's settings change, so connection
 * pools, sessions and circuit breakers survive between calls.
 */
export abstract class ConnectorClientFactory<C extends ConnectorClient> implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: C }>();

  protected constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: ClientConnectorProvider<C>,
  ) {}

  /** Throws ServiceUnavailableError naming the connector (503) when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<C> {
    return this.clientOf(await this.registry.resolveUsable(this.provider.name, customerCode));
  }

  /** The client of one instance by its row id (503 naming the connector when it is missing or unusable). */
  async forConnector(id: number): Promise<C> {
    return this.clientOf(await this.registry.resolveUsableById(this.provider.name, id));
  }

  private clientOf(usable: UsableConnector): C {
    const name = this.provider.name;
    const cached = this.clients.get(usable.settings.id);
    if (cached && cached.fingerprint === usable.fingerprint) return cached.client;
    let client: C;
    try {
      client = this.provider.createClient(usable.settings, usable.secrets);
    } catch (err) {
      // A stored row that cannot make a client is the connector being unusable for the feature (503), not bad
      // input from the feature's caller (400).
      if (err instanceof DomainError && err.status === 400) throw new ServiceUnavailableError(name, err.errors[0]?.message ?? err.message);
      throw err;
    }
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
