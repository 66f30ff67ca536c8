import { BadInputError } from '@copilot/api-core';
import { CATALOGUE, CONNECTOR_NAMES, missingSettings, notConfiguredMessage } from './catalogue';
import { checkCaPem, checkExtra, checkUrl } from './connector-input';

function refusal(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadInputError) return { field: err.errors[0].field, message: err.errors[0].message };
    throw err;
  }
  throw new Error('expected a 400');
}

const none = { url: false, username: false, password: false, apiKey: false, file: false };

describe('connector catalogue', () => {
  it('covers exactly the nine catalogue connectors', () => {
    expect(CONNECTOR_NAMES).toEqual(['Wazuh-Manager', 'Wazuh-Indexer', 'Graylog', 'Velociraptor', 'Grafana', 'InfluxDB', 'Shuffle', 'Portainer', 'VirusTotal']);
    expect(Object.keys(CATALOGUE).sort()).toEqual([...CONNECTOR_NAMES].sort());
  });

  it.each([
    ['Wazuh-Indexer', {}, 'not configured: set URL, username and password'],
    ['Wazuh-Indexer', { url: true, username: true }, 'not configured: set password'],
    ['InfluxDB', { url: true, username: true, password: true }, 'not configured: set API key'],
    ['Grafana', { url: true, username: true }, 'not configured: set username and password, or an API key'],
    ['Velociraptor', { url: true }, 'not configured: set an api-client file'],
  ] as const)('%s with %j is %s', (name, present, message) => {
    expect(notConfiguredMessage(missingSettings(name, { ...none, ...present }))).toBe(message);
  });

  it.each([
    ['Wazuh-Indexer', { url: true, username: true, password: true }],
    ['Grafana', { url: true, apiKey: true }],
    ['Grafana', { url: true, username: true, password: true }],
    ['Velociraptor', { file: true }],
    ['VirusTotal', { url: true, apiKey: true }],
  ] as const)('%s with %j is configured', (name, present) => {
    expect(missingSettings(name, { ...none, ...present })).toEqual([]);
  });
});

describe('connector input', () => {
  it('accepts http(s) URLs and treats empty as unset', () => {
    expect(checkUrl('https://wazuh-indexer:9200')).toBe('https://wazuh-indexer:9200');
    expect(checkUrl(' http://10.0.0.5:9000/graylog ')).toBe('http://10.0.0.5:9000/graylog');
    expect(checkUrl('')).toBeNull();
    expect(checkUrl(null)).toBeNull();
    expect(checkUrl(undefined)).toBeUndefined();
  });

  it.each([
    ['ftp://indexer:21', 'must start with http:// or https:// (got ftp:)'],
    ['file:///etc/passwd', 'must start with http:// or https:// (got file:)'],
    ['javascript:alert(1)', 'must start with http:// or https:// (got javascript:)'],
    ['indexer:9200', 'must start with http:// or https:// (got indexer:)'],
    ['not a url', 'must be a valid URL, e.g. https://wazuh-indexer:9200'],
    ['https://admin:secret@indexer:9200', 'must not contain credentials; set username and password instead'],
  ])('refuses the URL %j', (url, message) => {
    expect(refusal(() => checkUrl(url))).toEqual({ field: 'url', message });
  });

  it('accepts only a PEM certificate as CA', () => {
    expect(checkCaPem('-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----')).toContain('BEGIN');
    expect(checkCaPem('')).toBeNull();
    expect(refusal(() => checkCaPem('hello'))).toEqual({ field: 'caPem', message: 'must be PEM text (-----BEGIN CERTIFICATE-----)' });
  });

  it('keeps only the connector\'s own extra settings', () => {
    expect(checkExtra('InfluxDB', { INFLUXDB_ORG: ' acme ', INFLUXDB_BUCKET: 'telegraf' })).toEqual({ INFLUXDB_ORG: 'acme', INFLUXDB_BUCKET: 'telegraf' });
    expect(checkExtra('Portainer', { PORTAINER_ENDPOINT_ID: 3 })).toEqual({ PORTAINER_ENDPOINT_ID: '3' });
    expect(checkExtra('InfluxDB', { INFLUXDB_ORG: '', INFLUXDB_BUCKET: null })).toEqual({});
    expect(refusal(() => checkExtra('InfluxDB', { PORTAINER_ENDPOINT_ID: '1' }))).toEqual({
      field: 'extra.PORTAINER_ENDPOINT_ID',
      message: 'is not a setting of InfluxDB (allowed: INFLUXDB_ORG, INFLUXDB_BUCKET)',
    });
    expect(refusal(() => checkExtra('Graylog', { anything: 'x' })).message).toBe('Graylog takes no extra settings');
    expect(refusal(() => checkExtra('Portainer', { PORTAINER_ENDPOINT_ID: 'one' })).message).toBe('must be a positive whole number');
    expect(refusal(() => checkExtra('InfluxDB', { INFLUXDB_ORG: { nested: true } })).message).toBe('must be a string');
  });
});
