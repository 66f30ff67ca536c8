import { convertToParamMap } from '@angular/router';
import { EMPTY_FILTER, filterQuery, isFiltered, parseFilter } from './alert-filter';

describe('alert list filters in the URL', () => {
  it('reads every filter from the query string', () => {
    const filter = parseFilter(
      convertToParamMap({
        status: 'IN_PROGRESS,OPEN',
        severity: 'Critical,High',
        customer: 'acme',
        assignee: 'unassigned',
        verdict: 'UNTRIAGED',
        tag: ' Phishing ',
        source: 'wazuh',
        asset: 'vpn-gw-1',
        ioc: '203.0.113.7',
        q: 'brute force',
        range: '24h',
      }),
    );

    expect(filter).toEqual({
      status: ['OPEN', 'IN_PROGRESS'],
      severity: ['High', 'Critical'],
      customerCode: 'acme',
      assignee: 'unassigned',
      verdict: 'UNTRIAGED',
      tag: 'phishing',
      source: 'wazuh',
      asset: 'vpn-gw-1',
      ioc: '203.0.113.7',
      title: 'brute force',
      range: { kind: 'preset', key: '24h', ms: 24 * 3600_000 },
    });
    expect(isFiltered(filter)).toBe(true);
  });

  it('drops values the api would refuse instead of sending them', () => {
    const filter = parseFilter(
      convertToParamMap({
        status: 'OPEN,BOGUS',
        severity: 'Severe',
        assignee: 'me; drop',
        verdict: 'MAYBE',
        range: '2y',
        from: 'yesterday',
      }),
    );

    expect(filter).toEqual({ ...EMPTY_FILTER, status: ['OPEN'] });
  });

  it('keeps explicit day bounds as ISO times', () => {
    const filter = parseFilter(convertToParamMap({ from: '2026-03-01T00:00:00.000Z' }));

    expect(filter.range).toEqual({ kind: 'custom', from: '2026-03-01T00:00:00.000Z', to: null });
  });

  it('writes only what changed, removing emptied filters from the URL', () => {
    expect(filterQuery({ status: ['OPEN', 'CLOSED'] })).toEqual({ status: 'OPEN,CLOSED' });
    expect(filterQuery({ severity: [], tag: ' Malware ', assignee: '7' })).toEqual({
      severity: null,
      tag: 'malware',
      assignee: '7',
    });
    expect(filterQuery({ range: { kind: 'preset', key: '7d', ms: 1 } })).toEqual({ range: '7d', from: null, to: null });
    expect(filterQuery({ range: { kind: 'custom', from: '2026-03-01T00:00:00.000Z', to: null } })).toEqual({
      range: null,
      from: '2026-03-01T00:00:00.000Z',
      to: null,
    });
  });

  it('counts no filter as unfiltered', () => {
    expect(isFiltered(parseFilter(convertToParamMap({})))).toBe(false);
  });
});
