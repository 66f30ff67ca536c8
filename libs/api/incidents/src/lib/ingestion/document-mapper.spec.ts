import { createHash } from 'node:crypto';
import { attributionOf, dedupKeyOf, fieldValue, iocsOf, mapDocument, normaliseIoc, parseEventTime, severityOf, type MapContext } from './document-mapper';
import { DEFAULT_DEDUP_FIELDS, WAZUH_DEFAULT_MAPPING } from './source.types';

const ctx = (customerMap: Record<string, string> = {}): MapContext => ({
  source: 'wazuh', mapping: { ...WAZUH_DEFAULT_MAPPING, customerMap }, dedupFields: DEFAULT_DEDUP_FIELDS, attribution: attributionOf(['ACME', 'Globex'], customerMap),
});
const wazuhDoc = (over: Record<string, unknown> = {}) => ({
  timestamp: '2024-05-01T12:00:00.000+0000', rule: { id: '5712', level: 10, description: 'sshd: brute force' },
  agent: { id: '001', name: 'acme-web-01', labels: { customer: 'acme' } }, data: { srcip: '185.1.2.3' }, ...over,
});

describe('document mapping', () => {
  it('reads dotted paths, and a flat key of the same name wins (Graylog-flattened documents)', () => {
    expect(fieldValue({ rule: { level: 3 } }, 'rule.level')).toBe(3);
    expect(fieldValue({ 'rule.level': 9, rule: { level: 3 } }, 'rule.level')).toBe(9);
    expect(fieldValue({ rule_level: 12 }, 'rule_level')).toBe(12);
    expect(fieldValue({ rule: 'x' }, 'rule.level')).toBeUndefined();
  });

  it('maps Wazuh rule levels to severities at 4, 8 and 12, and accepts severity names', () => {
    expect([3, 4, 7, 8, 11, 12, 15].map(severityOf)).toEqual(['Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical']);
    expect(severityOf('high')).toBe('High');
    expect(severityOf('10')).toBe('High');
    expect(severityOf(undefined)).toBe('Low');
  });

  it('parses Wazuh +0000 offsets and epoch seconds or millis', () => {
    expect(parseEventTime('2024-05-01T12:00:00.000+0000')?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(parseEventTime(1714564800)?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(parseEventTime(1714564800000)?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(parseEventTime('yesterday')).toBeNull();
  });

  it('attributes by the first present customer field, case-insensitively, through the explicit map first', () => {
    const a = mapDocument({ index: 'i', id: '1', source: wazuhDoc() }, ctx());
    expect(a.ok && a.candidate.customerCode).toBe('ACME');
    const mapped = mapDocument({ index: 'i', id: '2', source: wazuhDoc({ agent: { name: 'h', labels: { customer: 'Initech Ltd' } } }) }, ctx({ 'initech ltd': 'Globex' }));
    expect(mapped.ok && mapped.candidate.customerCode).toBe('Globex');
    // The first present field decides: a later field naming a known customer does not rescue it.
    const wrong = mapDocument({ index: 'i', id: '3', source: wazuhDoc({ agent: { name: 'h', labels: { customer: 'nobody' } }, customer_code: 'ACME' }) }, ctx());
    expect(wrong).toEqual({ ok: false, reason: 'agent.labels.customer is "nobody", which matches no customer' });
    const none = mapDocument({ index: 'i', id: '4', source: { timestamp: '2024-05-01T12:00:00Z', rule: { id: '1' } } }, ctx());
    expect(none.ok).toBe(false);
    expect(!none.ok && none.reason).toMatch(/none of agent.labels.customer, customer_code, syslog_customer, cluster_node/);
  });

  it('builds the same dedup key for repeats and a different one per asset, rule or customer', () => {
    const key = (over: Record<string, unknown>) => {
      const r = mapDocument({ index: 'i', id: 'x', source: wazuhDoc(over) }, ctx());
      return r.ok ? r.candidate.dedupKey : '';
    };
    const base = key({});
    expect(key({ timestamp: '2024-05-02T00:00:00Z', data: { srcip: '9.9.9.9' } })).toBe(base);
    expect(key({ agent: { id: '002', name: 'acme-db-01', labels: { customer: 'acme' } } })).not.toBe(base);
    expect(key({ rule: { id: '5710', level: 5, description: 'x' } })).not.toBe(base);
    expect(key({ agent: { id: '001', name: 'acme-web-01', labels: { customer: 'globex' } } })).not.toBe(base);
  });

  it('keeps the key every stored alert was made with (sha256 of the lower-cased customer and the fields, as JSON)', () => {
    const keys = (c: { customerCode: string; asset: string }) => dedupKeyOf({ source: 'wazuh', ruleId: '5712', title: 't', asset: { name: c.asset, agentId: null }, customerCode: c.customerCode }, DEFAULT_DEDUP_FIELDS);
    const stored = createHash('sha256').update(JSON.stringify(['acme', 'wazuh', '5712', 'web-01'])).digest('hex');
    // Asked twice (the second answer comes from the cache) and with the customer spelled another way.
    expect([keys({ customerCode: 'ACME', asset: 'web-01' }), keys({ customerCode: 'ACME', asset: 'web-01' }), keys({ customerCode: 'acme', asset: 'web-01' })]).toEqual([stored, stored, stored]);
    expect(keys({ customerCode: 'ACME', asset: 'web-02' })).not.toBe(stored);
    expect(dedupKeyOf({ source: 'wazuh', ruleId: '5712', title: 't', asset: { name: 'web-01', agentId: null }, customerCode: 'ACME' }, [...DEFAULT_DEDUP_FIELDS, 'title'])).not.toBe(stored);
  });

  it('keeps only values that really are IoCs of their type, normalised', () => {
    expect(normaliseIoc('IP', '10.0.0.300')).toBeNull();
    expect(normaliseIoc('IP', 'FE80::1')).toBe('fe80::1');
    expect(normaliseIoc('DOMAIN', 'Evil.Example.COM.')).toBe('evil.example.com');
    expect(normaliseIoc('DOMAIN', '1.2.3.4')).toBeNull();
    expect(normaliseIoc('URL', 'javascript:alert(1)')).toBeNull();
    expect(normaliseIoc('HASH', 'xyz')).toBeNull();
    const hashes = iocsOf({ h: 'SHA256=' + 'A'.repeat(64) + ',MD5=' + 'b'.repeat(32) }, [{ path: 'h', type: 'HASH' }]);
    expect(hashes.map(({ type, value }) => ({ type, value }))).toEqual([{ type: 'HASH', value: 'a'.repeat(64) }, { type: 'HASH', value: 'b'.repeat(32) }]);
  });
});
