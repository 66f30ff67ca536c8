import { bodyExcerpt, ServiceUnavailableError, UpstreamFormatError } from '@copilot/api-core';
import {
  INFLUXDB,
  type FluxCell,
  type FluxColumn,
  type FluxRecord,
  type FluxResult,
  type FluxTable,
} from './influxdb.types';

/**
 * Reader of the annotated CSV that InfluxDB's `/api/v2/query` answers (InfluxDB OSS v2.7 reference, "Annotated CSV"):
 * optional `#group`/`#datatype`/`#default` rows, one header row per block, a leading annotation column, blocks of
 * another schema after an empty line, and an `error,reference` table when a query fails after partial results.
 */

/** A query that InfluxDB accepted but that failed while running (reported in the CSV, not by the HTTP status). */
export class FluxQueryError extends ServiceUnavailableError {
  constructor(
    readonly detail: string,
    readonly reference: string | null,
  ) {
    super(INFLUXDB, `query failed: ${detail}${reference ? ` (reference ${reference})` : ''}`);
  }
}

/** RFC 4180 records; an empty line yields an empty record, which separates blocks. Accepts CRLF and LF. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let touched = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      records.push(touched || field !== '' ? [...record, field] : []);
      record = [];
      field = '';
      touched = false;
    } else {
      field += c;
      touched = true;
    }
  }
  if (quoted) throw new UpstreamFormatError(INFLUXDB, 'unexpected answer to a query: unterminated quoted CSV field');
  if (touched || field !== '') records.push([...record, field]);
  return records;
}

function convert(raw: string, column: FluxColumn): FluxCell {
  const text = raw === '' ? column.default : raw;
  if (text === null || text === '') return null;
  switch (column.datatype) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'long':
    case 'unsignedLong': {
      const n = Number(text);
      // Beyond 2^53 a number would silently lose digits; the exact text is kept instead.
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'double':
      if (text === '+Inf') return Infinity;
      if (text === '-Inf') return -Infinity;
      return Number.isNaN(Number(text)) ? text : Number(text);
    default:
      // Strings, RFC 3339 times (kept as text: nanoseconds do not fit a Date), durations, base64.
      return text;
  }
}

interface Block {
  annotations: Partial<Record<'datatype' | 'group' | 'default', string[]>>;
  columns: FluxColumn[] | null;
  /** The header starts with the (empty) annotation column. */
  offset: number;
  isError: boolean;
}

const newBlock = (): Block => ({ annotations: {}, columns: null, offset: 0, isError: false });

function header(block: Block, cells: string[]): void {
  const annotated = Object.keys(block.annotations).length > 0;
  block.offset = annotated || cells[0] === '' ? 1 : 0;
  const names = cells.slice(block.offset);
  const at = (kind: 'datatype' | 'group' | 'default', i: number) => block.annotations[kind]?.[i] || null;
  block.columns = names.map((name, i) => ({
    name,
    datatype: at('datatype', i),
    group: at('group', i) === 'true',
    default: at('default', i),
  }));
  block.isError = names.length === 2 && names[0] === 'error' && names[1] === 'reference';
}

/** Tables and records of a query answer; throws FluxQueryError for an error table, UpstreamFormatError for junk. */
export function parseFluxCsv(text: string): FluxResult {
  const tables: FluxTable[] = [];
  const records: FluxRecord[] = [];
  let block = newBlock();
  let current: FluxTable | null = null;
  for (const cells of parseCsvRecords(text)) {
    if (cells.length === 0) {
      block = newBlock();
      continue;
    }
    if (cells[0].startsWith('#')) {
      const kind = cells[0].slice(1);
      // Annotations after a header belong to a new block even without the empty line between.
      if (block.columns) block = newBlock();
      if (kind === 'datatype' || kind === 'group' || kind === 'default') block.annotations[kind] = cells.slice(1);
      continue;
    }
    if (!block.columns) {
      header(block, cells);
      continue;
    }
    const columns = block.columns;
    const values = cells.slice(block.offset);
    if (values.length !== columns.length) {
      throw new UpstreamFormatError(
        INFLUXDB,
        `unexpected answer to a query: a row of ${values.length} cells under a header of ${columns.length} (${bodyExcerpt(cells.join(','))})`,
      );
    }
    if (block.isError) throw new FluxQueryError(values[0] || 'unknown error', values[1] || null);
    const row: FluxRecord = {};
    columns.forEach((column, i) => {
      row[column.name] = convert(values[i], column);
    });
    const result = typeof row['result'] === 'string' ? row['result'] : '_result';
    const table = typeof row['table'] === 'number' ? row['table'] : Number(row['table'] ?? 0);
    if (!current || current.result !== result || current.table !== table) {
      current = {
        result,
        table,
        columns: columns.filter((c) => c.name !== 'result' && c.name !== 'table'),
        records: [],
      };
      tables.push(current);
    }
    const { result: _result, table: _table, ...data } = row;
    current.records.push(data);
    records.push({ ...data, result, table });
  }
  return { tables, records };
}
