import { CONNECTOR_EXTRA_VARIABLES, CONNECTOR_NAMES, type ConnectorName } from '@copilot/api-core';

/**
 * The connector catalogue (issue 4): which systems CoPilot reaches and what each needs to be usable. The names and
 * environment prefixes live in the config schema (core), because the schema must declare every variable.
 */
export { CONNECTOR_NAMES, type ConnectorName };

/**
 * How a connector authenticates, which decides when it counts as configured:
 * basic = URL + username + password; token = URL + API key; basicOrToken = URL + (username and password, or an
 * API key); file = an uploaded credential file (the address is inside it).
 */
export type ConnectorAuth = 'basic' | 'token' | 'basicOrToken' | 'file';

export interface CatalogueEntry {
  name: ConnectorName;
  auth: ConnectorAuth;
  /** Used when the environment names no URL (a public SaaS API). */
  defaultUrl?: string;
  /** Keys accepted in `extra`. */
  extraKeys: readonly string[];
  /** Keys a credential file must contain; absent = the connector takes no file. */
  fileKeys?: readonly (readonly string[])[];
}

export const CATALOGUE: Readonly<Record<ConnectorName, CatalogueEntry>> = {
  'Wazuh-Manager': { name: 'Wazuh-Manager', auth: 'basic', extraKeys: [] },
  'Wazuh-Indexer': { name: 'Wazuh-Indexer', auth: 'basic', extraKeys: [] },
  // An access token goes in the API key (stored encrypted), not as the username.
  Graylog: { name: 'Graylog', auth: 'basicOrToken', extraKeys: [] },
  Velociraptor: {
    name: 'Velociraptor',
    auth: 'file',
    extraKeys: [],
    // `velociraptor config api_client` writes these; each inner list is "one of".
    fileKeys: [['api_connection_string', 'api_url'], ['ca_certificate'], ['client_cert'], ['client_private_key']],
  },
  Grafana: { name: 'Grafana', auth: 'basicOrToken', extraKeys: [] },
  InfluxDB: { name: 'InfluxDB', auth: 'token', extraKeys: CONNECTOR_EXTRA_VARIABLES.InfluxDB ?? [] },
  Shuffle: { name: 'Shuffle', auth: 'token', extraKeys: [] },
  Portainer: { name: 'Portainer', auth: 'basicOrToken', extraKeys: CONNECTOR_EXTRA_VARIABLES.Portainer ?? [] },
  VirusTotal: { name: 'VirusTotal', auth: 'token', defaultUrl: 'https://www.virustotal.com/api/v3', extraKeys: [] },
};

export function isConnectorName(value: string): value is ConnectorName {
  return (CONNECTOR_NAMES as readonly string[]).includes(value);
}

/** What a row holds, as far as "configured" is concerned. */
export interface PresentFields {
  url: boolean;
  username: boolean;
  password: boolean;
  apiKey: boolean;
  file: boolean;
}

/** The settings still missing before the connector can be used; empty when it is configured. */
export function missingSettings(name: ConnectorName, present: PresentFields): string[] {
  const { auth } = CATALOGUE[name];
  const missing: string[] = [];
  if (auth === 'file') return present.file ? [] : ['an api-client file'];
  if (!present.url) missing.push('URL');
  if (auth === 'basic') {
    if (!present.username) missing.push('username');
    if (!present.password) missing.push('password');
  } else if (auth === 'token') {
    if (!present.apiKey) missing.push('API key');
  } else if (!present.apiKey && !(present.username && present.password)) {
    missing.push('username and password, or an API key');
  }
  return missing;
}

/** "not configured: set URL, username and password" */
export function notConfiguredMessage(missing: string[]): string {
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0];
  return `not configured: set ${list}`;
}
