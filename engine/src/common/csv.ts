/**
 * The one CSV writer of the project (RFC 4180, CRLF line ends), safe to open in a spreadsheet.
 *
 * Formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return — also after leading spaces — is read as a formula by Excel, LibreOffice or Google
 * Sheets. Such a cell is written with a leading `'`, which spreadsheets show as text and never run.
 * Numbers are written as they are (a negative number is a number, not a formula). A cell holding a
 * double quote, a comma, a semicolon, a tab or a line break is quoted, its quotes doubled.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole table: one line per row, each ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
