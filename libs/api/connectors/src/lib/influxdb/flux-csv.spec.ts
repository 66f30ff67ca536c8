import { UpstreamFormatError } from '@copilot/api-core';
import { FluxQueryError, parseCsvRecords, parseFluxCsv } from './flux-csv';

const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('parseCsvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and marks empty lines', () => {
    expect(parseCsvRecords('a,"b,c","say ""hi""","two\r\nlines"\r\n\r\n,x\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      [],
      ['', 'x'],
    ]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsvRecords('a,"b\r\n')).toThrow(UpstreamFormatError);
  });
});

describe('parseFluxCsv', () => {
  it('types values by #datatype, fills empties from #default and groups rows into tables', () => {
    const text = crlf(
      '#group,false,false,true,true,false,false,true,true,true',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
      '#default,_result,,,,,,,,',
      ',result,table,_start,_stop,_time,_value,_field,_measurement,host',
      ',,0,2024-05-01T00:00:00Z,2024-05-01T01:00:00Z,2024-05-01T00:10:00Z,15.43,usage_user,cpu,a',
      ',,0,2024-05-01T00:00:00Z,2024-05-01T01:00:00Z,2024-05-01T00:20:00Z,+Inf,usage_user,cpu,a',
      ',,1,2024-05-01T00:00:00Z,2024-05-01T01:00:00Z,2024-05-01T00:10:00Z,59.25,usage_user,cpu,',
      '',
    );
    const result = parseFluxCsv(text);
    expect(result.tables.map((t) => [t.result, t.table, t.records.length])).toEqual([
      ['_result', 0, 2],
      ['_result', 1, 1],
    ]);
    expect(result.tables[0].columns.map((c) => c.name)).toEqual([
      '_start',
      '_stop',
      '_time',
      '_value',
      '_field',
      '_measurement',
      'host',
    ]);
    expect(result.tables[0].columns.find((c) => c.name === 'host')).toEqual({
      name: 'host',
      datatype: 'string',
      group: true,
      default: null,
    });
    expect(result.tables[0].records[0]).toEqual({
      _start: '2024-05-01T00:00:00Z',
      _stop: '2024-05-01T01:00:00Z',
      _time: '2024-05-01T00:10:00Z',
      _value: 15.43,
      _field: 'usage_user',
      _measurement: 'cpu',
      host: 'a',
    });
    expect(result.tables[0].records[1]['_value']).toBe(Infinity);
    expect(result.records[2]).toMatchObject({ result: '_result', table: 1, host: null, _value: 59.25 });
  });

  it('starts a new block with its own schema after an empty line, and keeps exact text of huge integers', () => {
    const text = crlf(
      '#group,false,false,false',
      '#datatype,string,long,long',
      '#default,_result,,',
      ',result,table,n',
      ',,0,42',
      '',
      '#group,false,false,false,false',
      '#datatype,string,long,boolean,unsignedLong',
      '#default,counts,,,',
      ',result,table,ok,big',
      ',,1,true,18446744073709551615',
    );
    const result = parseFluxCsv(text);
    expect(result.records).toEqual([
      { result: '_result', table: 0, n: 42 },
      { result: 'counts', table: 1, ok: true, big: '18446744073709551615' },
    ]);
  });

  it('reads unannotated CSV (a raw Flux request) with the result on every row, as text', () => {
    const text = crlf(',result,table,_value,host', ',_result,0,1.5,a', ',_result,1,2,b');
    const result = parseFluxCsv(text);
    expect(result.tables).toHaveLength(2);
    expect(result.records[0]).toEqual({ result: '_result', table: 0, _value: '1.5', host: 'a' });
  });

  it('answers no tables for an empty result', () => {
    expect(parseFluxCsv('\r\n')).toEqual({ tables: [], records: [] });
    expect(parseFluxCsv('')).toEqual({ tables: [], records: [] });
  });

  it('throws the error of an error table, also after partial results', () => {
    const partial = crlf(
      '#datatype,string,long,double',
      '#group,false,false,false',
      '#default,_result,,',
      ',result,table,_value',
      ',,0,1',
      '',
      '#datatype,string,long',
      ',error,reference',
      ',"runtime error: type conflict, see ""_value""",897',
    );
    expect(() => parseFluxCsv(partial)).toThrow(FluxQueryError);
    expect(() => parseFluxCsv(partial)).toThrow(
      'InfluxDB: query failed: runtime error: type conflict, see "_value" (reference 897)',
    );
    expect(() => parseFluxCsv(crlf('#datatype,string,long', ',error,reference', ',Failed to parse query,'))).toThrow(
      'InfluxDB: query failed: Failed to parse query',
    );
  });

  it('refuses rows that do not fit their header', () => {
    expect(() => parseFluxCsv(crlf(',result,table,a', ',,0,1,2'))).toThrow(/a row of 4 cells under a header of 3/);
  });
});
