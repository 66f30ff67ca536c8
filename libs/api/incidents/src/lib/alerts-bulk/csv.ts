/**
 * CSV per RFC 4180 (CRLF line ends; a field with a quote, comma, CR or LF is quoted, quotes
 * doubled), with spreadsheet formula injection neutralised: a cell starting with = + - @ TAB or CR
 * gets a leading single quote, so Excel or LibreOffice show it as text instead of running it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
