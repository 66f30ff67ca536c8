import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { VarSpec } from './config.schema';

/**
 * Environment of the connector catalogue (issue 4): the fixed prefixes and suffixes from which the global
 * connector instances are seeded at boot. It lives beside the config schema because the schema must know every
 * variable; the connectors domain owns what the values mean.
 */
export const CONNECTOR_ENV = [
  { name: 'Wazuh-Manager', prefix: 'WAZUH_MANAGER_' },
  { name: 'Wazuh-Indexer', prefix: 'WAZUH_INDEXER_' },
  { name: 'Graylog', prefix: 'GRAYLOG_' },
  { name: 'Velociraptor', prefix: 'VELOCIRAPTOR_' },
  { name: 'Grafana', prefix: 'GRAFANA_' },
  { name: 'InfluxDB', prefix: 'INFLUXDB_' },
  { name: 'Shuffle', prefix: 'SHUFFLE_' },
  { name: 'Portainer', prefix: 'PORTAINER_' },
  { name: 'VirusTotal', prefix: 'VIRUSTOTAL_' },
] as const;

export type ConnectorName = (typeof CONNECTOR_ENV)[number]['name'];

export const CONNECTOR_NAMES: readonly ConnectorName[] = CONNECTOR_ENV.map((c) => c.name);

/** Connector-specific settings that are not credentials, stored in the row's `extra` under these keys. */
export const CONNECTOR_EXTRA_VARIABLES: Readonly<Partial<Record<ConnectorName, readonly string[]>>> = {
  InfluxDB: ['INFLUXDB_ORG', 'INFLUXDB_BUCKET'],
  Portainer: ['PORTAINER_ENDPOINT_ID'],
};

/** A file named by a variable, read at boot (so a wrong path is a config error, not a later surprise). */
export interface EnvFile {
  path: string;
  fileName: string;
  content: string;
}

/** What the environment says about one connector; everything optional (unset = not configured). */
export interface ConnectorEnvValues {
  url?: string;
  username?: string;
  password?: string;
  apiKey?: string;
  verifyTls?: boolean;
  /** Contents of `<PREFIX>CA_FILE`. */
  ca?: EnvFile;
  /** Contents of `VELOCIRAPTOR_API_CONFIG_FILE` (the api-client YAML). */
  apiConfig?: EnvFile;
  extra: Record<string, string>;
}

export type ConnectorEnvMap = Record<ConnectorName, ConnectorEnvValues>;

const MAX_ENV_FILE_BYTES = 256 * 1024;

export function connectorVariables(): VarSpec[] {
  const perConnector = CONNECTOR_ENV.flatMap(({ prefix }): VarSpec[] => [
    { name: `${prefix}URL`, kind: 'url', schemes: ['http:', 'https:'] },
    { name: `${prefix}USERNAME`, kind: 'string' },
    { name: `${prefix}PASSWORD`, kind: 'string', sensitive: true },
    { name: `${prefix}API_KEY`, kind: 'string', sensitive: true },
    { name: `${prefix}VERIFY_TLS`, kind: 'bool' },
    { name: `${prefix}CA_FILE`, kind: 'string' },
  ]);
  return [
    ...perConnector,
    { name: 'VELOCIRAPTOR_API_CONFIG_FILE', kind: 'string' },
    { name: 'INFLUXDB_ORG', kind: 'string' },
    { name: 'INFLUXDB_BUCKET', kind: 'string' },
    { name: 'PORTAINER_ENDPOINT_ID', kind: 'int', min: 1, max: 2_147_483_647 },
    { name: 'OUTBOUND_ALLOW_LINK_LOCAL', kind: 'bool' },
  ];
}

export function emptyConnectorEnv(): ConnectorEnvMap {
  return Object.fromEntries(CONNECTOR_ENV.map(({ name }) => [name, { extra: {} }])) as unknown as ConnectorEnvMap;
}

function readEnvFile(variable: string, raw: string, cwd: string, problems: string[], pem: boolean): EnvFile | undefined {
  const path = isAbsolute(raw) ? raw : resolve(cwd, raw);
  let content: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_ENV_FILE_BYTES) {
      problems.push(`${variable}: ${path} is larger than ${MAX_ENV_FILE_BYTES / 1024} KB`);
      return undefined;
    }
    content = bytes.toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(`${variable}: cannot read ${path} (${code})`);
    return undefined;
  }
  if (pem && !content.includes('-----BEGIN CERTIFICATE-----')) {
    problems.push(`${variable}: ${path} holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)`);
    return undefined;
  }
  return { path, fileName: basename(path), content };
}

/** Builds the typed per-connector view from parsed values; adds a problem per unusable variable. */
export function readConnectorEnv(
  values: Map<string, string | number | boolean>,
  cwd: string,
  problems: string[],
): ConnectorEnvMap {
  const out = emptyConnectorEnv();
  const str = (k: string) => values.get(k) as string | undefined;
  for (const { name, prefix } of CONNECTOR_ENV) {
    const entry: ConnectorEnvValues = { extra: {} };
    const url = str(`${prefix}URL`);
    if (url !== undefined) {
      const parsed = new URL(url);
      // Credentials in the URL would be stored and shown as plain text; they belong in the secret variables.
      if (parsed.username || parsed.password) {
        problems.push(`${prefix}URL must not contain credentials; use ${prefix}USERNAME and ${prefix}PASSWORD`);
      } else {
        entry.url = url;
      }
    }
    entry.username = str(`${prefix}USERNAME`);
    entry.password = str(`${prefix}PASSWORD`);
    entry.apiKey = str(`${prefix}API_KEY`);
    entry.verifyTls = values.get(`${prefix}VERIFY_TLS`) as boolean | undefined;
    const caFile = str(`${prefix}CA_FILE`);
    if (caFile !== undefined) entry.ca = readEnvFile(`${prefix}CA_FILE`, caFile, cwd, problems, true);
    for (const key of CONNECTOR_EXTRA_VARIABLES[name] ?? []) {
      const value = values.get(key);
      if (value !== undefined) entry.extra[key] = String(value);
    }
    out[name] = entry;
  }
  const apiConfig = str('VELOCIRAPTOR_API_CONFIG_FILE');
  if (apiConfig !== undefined) {
    out.Velociraptor.apiConfig = readEnvFile('VELOCIRAPTOR_API_CONFIG_FILE', apiConfig, cwd, problems, false);
  }
  return out;
}
