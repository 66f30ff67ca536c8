import { Injectable } from '@nestjs/common';
import type { ConnectorName } from '../registry/catalogue';
import { ClientConnectorProvider, ConnectorClientFactory, rowTransport } from '../registry/client-provider';
import { ConnectorRegistry } from '../registry/connector-registry';
import type {
  ConnectorSecrets,
  ConnectorSettings,
} from '../registry/connector-provider';
import { VelociraptorClient } from './velociraptor.client';
import { VELOCIRAPTOR } from './velociraptor.types';

/**
 * Builds Velociraptor clients from connector rows, and verifies them. The credentials are the api-client YAML
 * (secrets.file); the connector's URL, when set, overrides the file's `api_connection_string`. TLS is always
 * verified against the file's CA: the connector's verifyTls/CA settings do not apply to this mutual-TLS API.
 */
@Injectable()
export class VelociraptorProvider extends ClientConnectorProvider<VelociraptorClient> {
  readonly name: ConnectorName = VELOCIRAPTOR;

  /** Throws a 400 (VelociraptorConfigError) for a missing or unusable api-client file or address. */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): VelociraptorClient {
    return VelociraptorClient.fromApiClientFile(secrets.file ?? '', {
      url: settings.url,
      allowLinkLocal: settings.allowLinkLocal,
      // The file's own CA and address govern TLS; only the circuit and address policy come from the row.
      circuitKey: rowTransport(settings).circuitKey,
    });
  }

}

/**
 * The typed Velociraptor client for a customer (its own instance, else the global one). Clients are cached per
 * connector row and rebuilt when the row changes, so the gRPC channel is reused between calls.
 */
@Injectable()
export class VelociraptorClientFactory extends ConnectorClientFactory<VelociraptorClient> {
  constructor(registry: ConnectorRegistry, provider: VelociraptorProvider) {
    super(registry, provider);
  }
}
