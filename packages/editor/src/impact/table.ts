import { downloadBlob } from '../shell/download'
/** A table of figures: what a chart shows, for screen readers, printing and CSV. */
export interface FigureTable {
  columns: string[]
  rows: (string | number | null)[][]
}

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The table as CSV (comma-separated, CRLF line ends, a header row). Empty cells are hidden or
 * missing figures.
 *
 * @example
 * toCsv({ columns: ['Week', 'Cases'], rows: [['2026-03-02', 7]] }) // 'Week,Cases\r\n2026-03-02,7\r\n'
 */
export function toCsv(table: FigureTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** Offers the table as a CSV file download in the browser. */
export function downloadCsv(table: FigureTable, fileName: string): void {
  // A byte order mark so spreadsheet programs read the accents as UTF-8.
  downloadBlob(new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileName)
}
