export * from './lib/wazuh-indexer';
export * from './lib/influxdb';
export * from './lib/grafana';
export * from './lib/virustotal';
export * from './lib/portainer';
export * from './lib/shuffle';
export * from './lib/velociraptor';
export * from './lib/wazuh-manager';
export * from './lib/graylog';
export { ConnectorsModule } from './lib/connectors.module';
export { WazuhIndexerClientFactory, WazuhIndexerProvider } from './lib/wazuh-indexer/wazuh-indexer.provider';
export {
  CATALOGUE,
  CONNECTOR_NAMES,
  isConnectorName,
  type CatalogueEntry,
  type ConnectorAuth,
  type ConnectorName,
} from './lib/registry/catalogue';
export { Connector, GLOBAL_OWNER } from './lib/registry/connector.entity';
export {
  CONNECTOR_OUTBOUND,
  CONNECTOR_PROVIDERS,
  type ConnectorProvider,
  type ConnectorSecrets,
  type ConnectorSettings,
  type VerifyOutcome,
} from './lib/registry/connector-provider';
export { ConnectorRegistry, type UsableConnector } from './lib/registry/connector-registry';
export { ConnectorSeeder, type SeedSummary } from './lib/registry/connector-seeder';
export { ConnectorVerifier } from './lib/registry/connector-verifier';
export { ConnectorsService } from './lib/registry/connectors.service';
export { CREDENTIAL_FILE_MAX_BYTES } from './lib/registry/credential-file';
