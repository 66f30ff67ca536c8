import { toFormValue, toUpdateBody } from './connector-body';
import { Connector } from './connectors-data.service';

const base: Connector = {
  id: 7,
  name: 'InfluxDB',
  customerCode: null,
  url: 'https://influx.example.org',
  username: null,
  passwordSet: false,
  apiKeySet: true,
  fileSet: false,
  fileName: null,
  caPem: null,
  extra: { INFLUXDB_ORG: 'soc' },
  configured: true,
  verified: true,
  supported: true,
  verifyTls: true,
  tlsWarning: null,
  lastError: null,
  lastVerifiedAt: null,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  version: 1,
};

describe('connector body', () => {
  it('starts with empty secrets and keeps a stored key when the field stays empty', () => {
    const value = toFormValue(base);
    expect(value.apiKey).toBe('');
    expect(value.extra).toEqual({ INFLUXDB_ORG: 'soc', INFLUXDB_BUCKET: '' });

    const body = toUpdateBody(base, value);

    expect('apiKey' in body).toBe(false);
    expect('password' in body).toBe(false);
    expect(body).toEqual({ url: 'https://influx.example.org', verifyTls: true, caPem: null, extra: { INFLUXDB_ORG: 'soc' } });
  });

  it('sends a new key, or null when the user asked to clear it', () => {
    expect(toUpdateBody(base, { ...toFormValue(base), apiKey: 'new-key' }).apiKey).toBe('new-key');
    expect(toUpdateBody(base, { ...toFormValue(base), apiKey: 'ignored', clearApiKey: true }).apiKey).toBeNull();
  });

  it('sends only the fields the connector takes', () => {
    const velociraptor: Connector = { ...base, name: 'Velociraptor', extra: {}, fileSet: true, fileName: 'api.yaml' };
    const body = toUpdateBody(velociraptor, { ...toFormValue(velociraptor), clearFile: true, apiKey: 'x', url: 'https://x' });
    expect(body).toEqual({ verifyTls: true, caPem: null, file: null });
  });
});
