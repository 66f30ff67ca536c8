import { redact, redactHeaders, redactText, redactUrl, REDACTED } from './redact';

describe('redact', () => {
  it('hides user-info and secret query parameters of URLs', () => {
    const shown = redactUrl('https://admin:S3cret!@indexer.local:9200/_search?password=hunter2&size=10&api_key=k-123');
    expect(shown).not.toMatch(/S3cret|hunter2|k-123|admin/);
    expect(shown).toContain('size=10');
    expect(shown).toContain(`password=${REDACTED}`);
    expect(shown).toContain('indexer.local:9200/_search');
  });

  it('hides credentials in free text: headers, auth schemes, JSON fields, form fields', () => {
    const text = [
      'Authorization: Basic YWRtaW46c2VjcmV0',
      'sent Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig to host',
      '{"username":"wazuh","password":"p@ss\\"word","nested":{"api_key":"abc123"},"size":5}',
      'grant_type=password&client_secret=xyz789&scope=read',
      'cookie: session=deadbeef',
      'x-api-key: vt-KEY-000',
    ].join('\n');
    const shown = redactText(text);
    for (const secret of [
      'YWRtaW46c2VjcmV0',
      'eyJhbGciOiJIUzI1NiJ9',
      'p@ss',
      'abc123',
      'xyz789',
      'deadbeef',
      'vt-KEY-000',
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).toContain('"username":"wazuh"');
    expect(shown).toContain('"size":5');
    expect(shown).toContain('scope=read');
  });

  it('walks objects and arrays, hiding every value under a sensitive key whatever its type', () => {
    const input = {
      url: 'https://u:pw@host/x?token=t0k',
      credentials: { user: 'a', pass: 'b' },
      Password: 12345,
      list: [{ secret: 's' }, 'Basic Zm9vOmJhcg=='],
      keep: { index: 'wazuh-alerts-*', size: 3 },
    };
    const shown = redact(input);
    expect(shown).toEqual({
      url: `https://${REDACTED}@host/x?token=${REDACTED}`,
      credentials: REDACTED,
      Password: REDACTED,
      list: [{ secret: REDACTED }, `Basic ${REDACTED}`],
      keep: { index: 'wazuh-alerts-*', size: 3 },
    });
    expect(input.credentials.pass).toBe('b');
  });

  it('replaces credential-bearing headers', () => {
    expect(
      redactHeaders({ Authorization: 'Basic x', Cookie: 'a=b', 'X-API-Key': 'k', 'content-type': 'application/json' }),
    ).toEqual({ Authorization: REDACTED, Cookie: REDACTED, 'X-API-Key': REDACTED, 'content-type': 'application/json' });
  });

  it('leaves harmless text alone', () => {
    const text = 'GET https://127.0.0.1:9200/wazuh-alerts-*/_search -> 200 in 12 ms';
    expect(redactText(text)).toBe(text);
  });
});

describe('vendor-specific secure fields', () => {
  it('redacts Grafana data-source secrets by their field names', () => {
    const body = JSON.stringify({ name: 'ds', secureJsonData: { httpHeaderValue1: 'hdr-secret', accessKey: 'ak-secret', tlsClientKey: 'tls-secret' } });
    const out = redact(body);
    for (const secret of ['hdr-secret', 'ak-secret', 'tls-secret']) expect(out).not.toContain(secret);
    expect(out).toContain('"name":"ds"');
  });
});
