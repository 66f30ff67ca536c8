import { ConnectorName } from './connectors-data.service';

/** How a connector signs in; decides which credential fields the configure dialog offers. */
export type ConnectorAuth = 'basic' | 'token' | 'basicOrToken' | 'file';

export interface ConnectorKind {
  auth: ConnectorAuth;
  description: string;
  /** Keys the connector accepts in `extra`. */
  extraKeys: readonly string[];
}

/**
 * What the console needs to know about each connector to present and edit it. Auth kinds and extra keys mirror
 * the api's catalogue (libs/api/connectors registry/catalogue.ts); tools/checks/connector-catalogue.spec.ts fails
 * when they drift.
 */
export const CONNECTOR_KINDS: Readonly<Record<ConnectorName, ConnectorKind>> = {
  'Wazuh-Manager': { auth: 'basic', description: 'Agents, rules and active response', extraKeys: [] },
  'Wazuh-Indexer': { auth: 'basic', description: 'Alert and event indices', extraKeys: [] },
  Graylog: { auth: 'basicOrToken', description: 'Log ingestion, streams and pipelines', extraKeys: [] },
  Velociraptor: { auth: 'file', description: 'Endpoint forensics and hunts (api-client file)', extraKeys: [] },
  Grafana: { auth: 'basicOrToken', description: 'Dashboards and report panels', extraKeys: [] },
  InfluxDB: { auth: 'token', description: 'Metrics and health alerts', extraKeys: ['INFLUXDB_ORG', 'INFLUXDB_BUCKET'] },
  Shuffle: { auth: 'token', description: 'SOAR workflows', extraKeys: [] },
  Portainer: { auth: 'basicOrToken', description: 'Container stacks', extraKeys: ['PORTAINER_ENDPOINT_ID'] },
  VirusTotal: { auth: 'token', description: 'File, URL and IP reputation', extraKeys: [] },
};

export const CONNECTOR_NAMES = Object.keys(CONNECTOR_KINDS) as ConnectorName[];

export function usesPassword(name: ConnectorName): boolean {
  const auth = CONNECTOR_KINDS[name].auth;
  return auth === 'basic' || auth === 'basicOrToken';
}

export function usesApiKey(name: ConnectorName): boolean {
  const auth = CONNECTOR_KINDS[name].auth;
  return auth === 'token' || auth === 'basicOrToken';
}

export function usesFile(name: ConnectorName): boolean {
  return CONNECTOR_KINDS[name].auth === 'file';
}
