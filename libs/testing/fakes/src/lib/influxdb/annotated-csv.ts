import type { OutColumn, OutTable, QueryOutput } from './flux-exec';
import type { FieldValue } from './influx-store';

/**
 * Writes query results the way InfluxDB's `/api/v2/query` does (InfluxDB OSS v2.7 reference, "Annotated CSV"):
 * CRLF line endings; a leading annotation column; `#group`, `#datatype`, `#default` rows when the request's dialect
 * asks for annotations (a raw `application/vnd.flux` body gets none); one header row per block; tables of one schema
 * share a block and differ by the `table` column; a schema change starts a new block after an empty line; an
 * execution error after partial results is appended as an `error,reference` table.
 */

const CRLF = '\r\n';

export interface EncodeOptions {
  annotations: boolean;
  /** Appends an error table after the first block, like a query failing after partial results. */
  midStreamError?: string;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function format(value: FieldValue | null, column: OutColumn): string {
  if (value === null) return '';
  if (column.datatype === 'dateTime:RFC3339') return rfc3339(Number(value));
  return cell(String(value));
}

const schemaOf = (table: OutTable) => table.columns.map((c) => `${c.name}:${c.datatype}:${c.group}`).join('|');

export function encodeAnnotatedCsv(output: QueryOutput, options: EncodeOptions): string {
  if (output.tables.length === 0) return CRLF;
  const blocks: Array<{ columns: OutColumn[]; tables: Array<{ index: number; table: OutTable }> }> = [];
  output.tables.forEach((table, index) => {
    const last = blocks[blocks.length - 1];
    if (last && schemaOf(last.tables[0].table) === schemaOf(table)) last.tables.push({ index, table });
    else blocks.push({ columns: table.columns, tables: [{ index, table }] });
  });
  const lines: string[] = [];
  // After a mid-stream error InfluxDB discards the remaining results.
  const written = options.midStreamError === undefined ? blocks : blocks.slice(0, 1);
  written.forEach((block, blockIndex) => {
    if (blockIndex > 0) lines.push('');
    if (options.annotations) {
      lines.push(['#group', 'false', 'false', ...block.columns.map((c) => String(c.group))].join(','));
      lines.push(['#datatype', 'string', 'long', ...block.columns.map((c) => c.datatype)].join(','));
      lines.push(['#default', cell(output.result), '', ...block.columns.map(() => '')].join(','));
    }
    lines.push(['', 'result', 'table', ...block.columns.map((c) => cell(c.name))].join(','));
    for (const { index, table } of block.tables) {
      // With annotations the result name comes from `#default`; without them it is written on every row.
      const result = options.annotations ? '' : cell(output.result);
      for (const row of table.rows) {
        lines.push(['', result, String(index), ...row.map((v, i) => format(v, block.columns[i]))].join(','));
      }
    }
    if (options.midStreamError !== undefined) {
      lines.push('', '#datatype,string,long', ',error,reference', `,${cell(options.midStreamError)},897`);
    }
  });
  return lines.join(CRLF) + CRLF + CRLF;
}
