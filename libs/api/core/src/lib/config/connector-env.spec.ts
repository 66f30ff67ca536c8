import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';
import { CONFIG_VARIABLES, CONNECTOR_ENV } from './config.schema';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copilot-connector-env-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function attempt(env: Record<string, string>): AppConfig | ConfigError {
  try {
    return loadConfig({ COPILOT_DATA_DIR: dir, ...env }, dir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

function loaded(env: Record<string, string>): AppConfig {
  const out = attempt(env);
  if (out instanceof ConfigError) throw new Error(out.message);
  return out;
}

function problems(env: Record<string, string>): string[] {
  const out = attempt(env);
  if (!(out instanceof ConfigError)) throw new Error('expected a ConfigError');
  return out.problems;
}

describe('connector environment', () => {
  it('declares the six suffixes for every catalogue prefix, plus the connector extras', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    for (const { prefix } of CONNECTOR_ENV) {
      for (const suffix of ['URL', 'USERNAME', 'PASSWORD', 'API_KEY', 'VERIFY_TLS', 'CA_FILE']) {
        expect(names).toContain(`${prefix}${suffix}`);
      }
    }
    expect(names).toEqual(
      expect.arrayContaining(['VELOCIRAPTOR_API_CONFIG_FILE', 'INFLUXDB_ORG', 'INFLUXDB_BUCKET', 'PORTAINER_ENDPOINT_ID', 'OUTBOUND_ALLOW_LINK_LOCAL']),
    );
  });

  it('marks every password and API key sensitive, and hides them in error messages', () => {
    const sensitive = CONFIG_VARIABLES.filter((v) => v.sensitive).map((v) => v.name);
    for (const { prefix } of CONNECTOR_ENV) expect(sensitive).toEqual(expect.arrayContaining([`${prefix}PASSWORD`, `${prefix}API_KEY`]));
  });

  it('is empty and verifies TLS by default when nothing is set', () => {
    const config = loaded({});
    expect(config.connectorEnv['Wazuh-Indexer']).toEqual({ extra: {} });
    expect(config.outboundAllowLinkLocal).toBe(false);
  });

  it('reads a connector typed, with its CA file contents and extras', () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, PEM);
    const api = join(dir, 'api.config.yaml');
    writeFileSync(api, 'api_connection_string: velo:8001\n');
    const config = loaded({
      WAZUH_INDEXER_URL: 'https://indexer:9200',
      WAZUH_INDEXER_USERNAME: 'admin',
      WAZUH_INDEXER_PASSWORD: 'pw',
      WAZUH_INDEXER_VERIFY_TLS: 'false',
      WAZUH_INDEXER_CA_FILE: 'ca.pem',
      VELOCIRAPTOR_API_CONFIG_FILE: api,
      INFLUXDB_ORG: 'acme',
      INFLUXDB_BUCKET: 'telegraf',
      PORTAINER_ENDPOINT_ID: '2',
      OUTBOUND_ALLOW_LINK_LOCAL: 'true',
    });
    expect(config.connectorEnv['Wazuh-Indexer']).toEqual({
      url: 'https://indexer:9200',
      username: 'admin',
      password: 'pw',
      apiKey: undefined,
      verifyTls: false,
      ca: { path: ca, fileName: 'ca.pem', content: PEM },
      extra: {},
    });
    expect(config.connectorEnv.Velociraptor.apiConfig).toEqual({ path: api, fileName: 'api.config.yaml', content: 'api_connection_string: velo:8001\n' });
    expect(config.connectorEnv.InfluxDB.extra).toEqual({ INFLUXDB_ORG: 'acme', INFLUXDB_BUCKET: 'telegraf' });
    expect(config.connectorEnv.Portainer.extra).toEqual({ PORTAINER_ENDPOINT_ID: '2' });
    expect(config.outboundAllowLinkLocal).toBe(true);
  });

  it.each(['False', 'FALSE', '0', 'no', 'yes'])('parses VERIFY_TLS strictly: %j is refused, not read as true', (value) => {
    expect(problems({ GRAYLOG_VERIFY_TLS: value })).toEqual([expect.stringMatching(/^GRAYLOG_VERIFY_TLS must be true or false/)]);
  });

  it('refuses every bad connector variable at once', () => {
    const found = problems({
      WAZUH_MANAGER_URL: 'ftp://manager:21',
      GRAYLOG_URL: 'https://admin:S3cretInUrl@graylog:9000',
      WAZUH_INDEXER_CA_FILE: join(dir, 'missing.pem'),
      PORTAINER_ENDPOINT_ID: 'one',
    });
    expect(found).toHaveLength(4);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WAZUH_MANAGER_URL must start with http:\/\/ or https:\/\//),
        'GRAYLOG_URL must not contain credentials; use GRAYLOG_USERNAME and GRAYLOG_PASSWORD',
        expect.stringMatching(/^WAZUH_INDEXER_CA_FILE: cannot read .*missing\.pem \(ENOENT\)$/),
        expect.stringMatching(/^PORTAINER_ENDPOINT_ID must be a whole number/),
      ]),
    );
    expect(found.join('\n')).not.toContain('S3cretInUrl');
  });

  it('refuses a CA file that holds no certificate', () => {
    const path = join(dir, 'not-a-cert.pem');
    writeFileSync(path, 'hello');
    expect(problems({ SHUFFLE_CA_FILE: path })).toEqual([expect.stringContaining('SHUFFLE_CA_FILE: ' + path + ' holds no PEM certificate')]);
  });
});
