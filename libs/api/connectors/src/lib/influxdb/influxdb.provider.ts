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
import { InfluxDBClient } from './influxdb.client';
import { INFLUXDB, INFLUXDB_BUCKET_KEYS, INFLUXDB_ORG_KEYS } from './influxdb.types';

/** The first non-empty value among `keys` in the row's extra settings. */
function extraValue(extra: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = extra[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Builds InfluxDB clients from connector rows (INFLUXDB_ORG / INFLUXDB_BUCKET from `extra`), and verifies them. */
@Injectable()
export class InfluxDBProvider extends ClientConnectorProvider<InfluxDBClient> {
  readonly name: ConnectorName = INFLUXDB;

  constructor(@Inject(CONNECTOR_OUTBOUND) private readonly outbound: OutboundClientFactory) {
    super();
  }

  /** Throws a 400 (OutboundUrlRefusedError) for a URL that is not http(s). */
  createClient(settings: ConnectorSettings, secrets: ConnectorSecrets): InfluxDBClient {
    return new InfluxDBClient(
      {
        ...rowTransport(settings),
        token: secrets.apiKey ?? '',
        org: extraValue(settings.extra, INFLUXDB_ORG_KEYS),
        bucket: extraValue(settings.extra, INFLUXDB_BUCKET_KEYS),
      },
      this.outbound,
    );
  }

}

/**
 * The typed InfluxDB client for a customer (its own instance, else the global one). Clients are cached per connector
 * row and rebuilt when the row's settings change, so connection pools and circuit breakers survive between calls.
 */
@Injectable()
export class InfluxDBClientFactory extends ConnectorClientFactory<InfluxDBClient> {
  constructor(registry: ConnectorRegistry, provider: InfluxDBProvider) {
    super(registry, provider);
  }
}
