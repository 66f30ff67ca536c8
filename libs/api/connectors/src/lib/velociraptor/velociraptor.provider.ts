import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, ServiceUnavailableError } from '@copilot/api-core';
import type { ConnectorName } from '../registry/catalogue';
import { ConnectorRegistry } from '../registry/connector-registry';
import type {
  ConnectorProvider,
  ConnectorSecrets,
  ConnectorSettings,
  VerifyOutcome,
} from '../registry/connector-provider';
import { VelociraptorConfigError } from './velociraptor.api-config';
import { VelociraptorClient } from './velociraptor.client';
import { VELOCIRAPTOR } from './velociraptor.types';

/**
 * Builds Velociraptor clients from connector rows, and verifies them. The credentials are the api-client YAML
 * (secrets.file); the connector's URL, when set, overrides the file's `api_connection_string`. TLS is always
 * verified against the file's CA: the connector's verifyTls/CA settings do not apply to this mutual-TLS API.
 */
@Injectable()
export class VelociraptorProvider implements ConnectorProvider {
  readonly name: ConnectorName = VELOCIRAPTOR;

  /** Throws a 400 (VelociraptorConfigError) for a missing or unusable api-client file or address. */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): VelociraptorClient {
    return VelociraptorClient.fromApiClientFile(secrets.file ?? '', {
      url: settings.url,
      allowLinkLocal: settings.allowLinkLocal,
      // One circuit per connector row: a customer's dead server never fails fast for the global one.
      circuitKey: `connector:${settings.id}`,
    });
  }

  async verify(settings: ConnectorSettings, secrets: ConnectorSecrets): Promise<VerifyOutcome> {
    let client: VelociraptorClient;
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
 * The typed Velociraptor client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row changes, so the gRPC channel is reused between calls.
 */
@Injectable()
export class VelociraptorClientFactory implements OnApplicationShutdown {
  private readonly clients = new Map<number, { fingerprint: string; client: VelociraptorClient }>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly provider: VelociraptorProvider,
  ) {}

  /** Throws ServiceUnavailableError('Velociraptor', ...) → 503 when no usable instance serves the customer. */
  async forCustomer(customerCode?: string | null): Promise<VelociraptorClient> {
    const usable = await this.registry.resolveUsable(VELOCIRAPTOR, customerCode);
    const cached = this.clients.get(usable.settings.id);
    if (cached && cached.fingerprint === usable.fingerprint) return cached.client;
    let client: VelociraptorClient;
    try {
      client = this.provider.createClient(usable.settings, usable.secrets);
    } catch (err) {
      // A stored file that cannot be used is the connector being down for this feature (503), not the caller's 400.
      if (err instanceof VelociraptorConfigError)
        throw new ServiceUnavailableError(VELOCIRAPTOR, err.errors[0]?.message ?? err.message);
      throw err;
    }
    this.clients.set(usable.settings.id, { fingerprint: usable.fingerprint, client });
    // The replaced client may still be streaming to a caller; close it once that has had time to finish.
    if (cached) setTimeout(() => void cached.client.close().catch(() => undefined), 60_000).unref();
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(open.map(({ client }) => client.close().catch(() => undefined)));
  }
}
