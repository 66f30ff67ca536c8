import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { alertSource } from './source-fixtures';
import { DEFAULT_IOCS } from './source-defaults';
import { fillForm, mapGroup, sourceForm, toBody } from './source-form';

describe('the alert source form', () => {
  let fb: NonNullableFormBuilder;

  beforeEach(() => {
    fb = TestBed.inject(NonNullableFormBuilder);
  });

  it('leaves every unset setting out, so the api applies its defaults', () => {
    const form = sourceForm(fb);
    form.patchValue({ name: 'wazuh-main', indexPattern: 'wazuh-alerts-*' });

    expect(form.valid).toBe(true);
    expect(toBody(form.getRawValue())).toEqual({
      name: 'wazuh-main',
      connectorId: null,
      indexPattern: 'wazuh-alerts-*',
      enabled: true,
      writeBack: false,
      mapping: { iocs: DEFAULT_IOCS, customerMap: {} },
      dedupFields: ['source', 'rule', 'asset'],
      dedupWindowMinutes: undefined,
      overlapMinutes: undefined,
      batchSize: undefined,
      query: null,
    });
  });

  it.each(['Wazuh-Alerts-*', 'alerts/../x', '_all?q=1', ''])('refuses the index pattern %p', (pattern) => {
    const form = sourceForm(fb);
    form.patchValue({ name: 'x', indexPattern: pattern });
    expect(form.controls.indexPattern.valid).toBe(false);
  });

  it('refuses bad paths, numbers out of range and a query that is not a JSON object', () => {
    const form = sourceForm(fb);
    form.patchValue({
      name: 'x',
      indexPattern: 'gl-events*',
      mapping: { title: 'rule description', customerFields: 'agent.labels.customer\nbad path' },
      dedupWindowMinutes: '50000',
      batchSize: '0',
      query: '[1]',
    });

    expect(form.controls.mapping.controls.title.hasError('pattern')).toBe(true);
    expect(form.controls.mapping.controls.customerFields.getError('path')).toBe('bad path');
    expect(form.controls.dedupWindowMinutes.hasError('max')).toBe(true);
    expect(form.controls.batchSize.hasError('min')).toBe(true);
    expect(form.controls.query.hasError('json')).toBe(true);
  });

  it('sends what was set: paths, customer fields one per line, the customer map, numbers and the query', () => {
    const form = sourceForm(fb);
    form.controls.mapping.controls.customerMap.push(mapGroup(fb, ' 0xORG-1 ', 'acme'));
    form.patchValue({
      name: 'o365',
      indexPattern: 'o365-*',
      mapping: { title: 'data.office365.Operation', customerFields: 'data.office365.OrganizationId\n, syslog_customer' },
      dedupFields: ['title'],
      dedupWindowMinutes: '0',
      batchSize: '100',
      query: '{ "term": { "rule.groups": "office365" } }',
    });

    const body = toBody(form.getRawValue());
    expect(body.mapping).toEqual({
      title: 'data.office365.Operation',
      customerFields: ['data.office365.OrganizationId', 'syslog_customer'],
      iocs: DEFAULT_IOCS,
      customerMap: { '0xORG-1': 'acme' },
    });
    expect(body.dedupFields).toEqual(['title']);
    expect(body.dedupWindowMinutes).toBe(0);
    expect(body.batchSize).toBe(100);
    expect(body.query).toEqual({ term: { 'rule.groups': 'office365' } });
  });

  it('shows a saved source with default paths left empty and round-trips it unchanged', () => {
    const source = alertSource(3, {
      name: 'graylog',
      indexPattern: 'gl-events*',
      mapping: {
        ...alertSource(3).mapping,
        asset: 'source',
        iocs: [{ path: 'src_ip', type: 'IP' }],
        customerMap: { org1: 'acme' },
      },
      batchSize: 200,
      query: { term: { a: 1 } },
    });
    const form = sourceForm(fb);

    fillForm(form, fb, source);

    const mapping = form.controls.mapping.controls;
    expect(mapping.title.value).toBe('');
    expect(mapping.asset.value).toBe('source');
    expect(mapping.customerFields.value).toBe('');
    expect(mapping.customerMap.length).toBe(1);
    expect(form.valid).toBe(true);
    const body = toBody(form.getRawValue());
    expect(body.mapping).toEqual({ asset: 'source', iocs: [{ path: 'src_ip', type: 'IP' }], customerMap: { org1: 'acme' } });
    expect(body.batchSize).toBe(200);
    expect(body.dedupWindowMinutes).toBe(1440);
    expect(body.query).toEqual({ term: { a: 1 } });
  });
});
