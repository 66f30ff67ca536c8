import { Module } from '@nestjs/common';
import { defaultOutboundFactory } from '@copilot/api-core';
import { CustomersModule } from '@copilot/api-customers';
import { CONNECTOR_OUTBOUND, CONNECTOR_PROVIDERS, type ConnectorProvider } from './registry/connector-provider';
import { ConnectorRegistry } from './registry/connector-registry';
import { ConnectorSeeder } from './registry/connector-seeder';
import { ConnectorVault } from './registry/connector-vault';
import { ConnectorVerifier } from './registry/connector-verifier';
import { ConnectorsController } from './registry/connectors.controller';
import { ConnectorsService } from './registry/connectors.service';
import { GraylogClientFactory, GraylogProvider } from './graylog';
import { WazuhManagerClientFactory, WazuhManagerProvider } from './wazuh-manager';
import { VelociraptorClientFactory, VelociraptorProvider } from './velociraptor';
import { ShuffleClientFactory, ShuffleProvider } from './shuffle';
import { PortainerClientFactory, PortainerProvider } from './portainer';
import { VirusTotalClientFactory, VirusTotalProvider } from './virustotal';
import { GrafanaClientFactory, GrafanaProvider } from './grafana';
import { InfluxDBClientFactory, InfluxDBProvider } from './influxdb';
import { WazuhIndexerClientFactory, WazuhIndexerProvider } from './wazuh-indexer/wazuh-indexer.provider';

/**
 * Connectors: the registry of catalogue instances, their encrypted credentials, verify, boot seeding, and the typed
 * client factories other domains inject. A provider added later joins the CONNECTOR_PROVIDERS list below.
 */
@Module({
  imports: [CustomersModule],
  controllers: [ConnectorsController],
  providers: [
    { provide: CONNECTOR_OUTBOUND, useValue: defaultOutboundFactory },
    WazuhIndexerProvider,
    GraylogProvider,
    WazuhManagerProvider,
    VelociraptorProvider,
    ShuffleProvider,
    PortainerProvider,
    VirusTotalProvider,
    GrafanaProvider,
    InfluxDBProvider,
    {
      provide: CONNECTOR_PROVIDERS,
      useFactory: (...providers: ConnectorProvider[]) => providers,
      inject: [WazuhIndexerProvider, GraylogProvider, WazuhManagerProvider, VelociraptorProvider, ShuffleProvider, PortainerProvider, VirusTotalProvider, GrafanaProvider, InfluxDBProvider],
    },
    ConnectorVault,
    ConnectorRegistry,
    ConnectorsService,
    ConnectorVerifier,
    ConnectorSeeder,
    WazuhIndexerClientFactory,
    GraylogClientFactory,
    WazuhManagerClientFactory,
    VelociraptorClientFactory,
    ShuffleClientFactory,
    PortainerClientFactory,
    VirusTotalClientFactory,
    GrafanaClientFactory,
    InfluxDBClientFactory,
  ],
  exports: [ConnectorRegistry, ConnectorsService, ConnectorVerifier, ConnectorSeeder, WazuhIndexerClientFactory, GraylogClientFactory, WazuhManagerClientFactory, VelociraptorClientFactory, ShuffleClientFactory, PortainerClientFactory, VirusTotalClientFactory, GrafanaClientFactory, InfluxDBClientFactory],
})
export class ConnectorsModule {}
