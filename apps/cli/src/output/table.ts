import stringWidth from 'string-width';
import { terminalText } from './terminal-text';

/** Terminal columns a string takes: wide (CJK) characters take two, colour escapes none. */
function visibleLength(text: string): number {
  return stringWidth(text);
}

/** The longest start of `text` that fits in `width` terminal columns, with `…` when cut. */
function cutToWidth(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  let cut = '';
  let used = 0;
  for (const character of text) {
    const next = visibleLength(character);
    if (used + next > width - 1) break;
    cut += character;
    used += next;
  }
  return `${cut}…`;
}

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Optional styling applied after widths are measured. */
  style?: (text: string, row: Row) => string;
  /**
   * Columns with a drop order may be left out (lowest first) when the table would be wider
   * than the terminal; columns without one are always shown.
   */
  dropOrder?: number;
}

/** The last column is cut to fit, but never below this many characters. */
const MIN_LAST_WIDTH = 10;
const GAP = 2;

/** Width a set of columns needs when its last column is cut as far as allowed. */
function neededWidth(widths: number[]): number {
  const last = widths[widths.length - 1] ?? 0;
  const rest = widths.slice(0, -1).reduce((sum, w) => sum + w + GAP, 0);
  return rest + Math.min(last, MIN_LAST_WIDTH);
}

/** Indexes of the columns to show: all of them, minus droppable ones until the table fits. */
function shownColumns<Row>(columns: Column<Row>[], widths: number[], width: number | undefined): number[] {
  const shown = columns.map((_, index) => index);
  if (width === undefined) return shown;
  const droppable = shown
    .filter((index) => columns[index]?.dropOrder !== undefined)
    .sort((a, b) => (columns[a]?.dropOrder ?? 0) - (columns[b]?.dropOrder ?? 0));
  for (const index of droppable) {
    if (neededWidth(shown.map((i) => widths[i] ?? 0)) <= width - 1) break;
    shown.splice(shown.indexOf(index), 1);
  }
  return shown;
}

/**
 * Left-aligned columns separated by two spaces. On a terminal (a width is known) rows never
 * wrap: optional columns are left out first, then the last column is cut to fit.
 */
export function renderTable<Row>(rows: Row[], allColumns: Column<Row>[], width?: number, styleHeader = (t: string) => t): string {
  // Made safe here as well as on output, so widths are those of the text that is shown.
  const allCells = rows.map((row) => allColumns.map((column) => terminalText(column.value(row))));
  const allWidths = allColumns.map((column, index) =>
    Math.max(visibleLength(column.header), ...allCells.map((row) => visibleLength(row[index] ?? ''))),
  );
  const shown = shownColumns(allColumns, allWidths, width);
  const columns = shown.map((index) => allColumns[index] as Column<Row>);
  const widths = shown.map((index) => allWidths[index] ?? 0);
  const cells = allCells.map((row) => shown.map((index) => row[index] ?? ''));

  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + GAP, 0);
  const lastWidth = width !== undefined ? Math.max(MIN_LAST_WIDTH, width - fixed - 1) : Number.POSITIVE_INFINITY;

  const line = (values: string[], style: (text: string, index: number) => string): string =>
    values
      .map((value, index) => {
        const last = index === values.length - 1;
        const cut = last ? cutToWidth(value, lastWidth) : value;
        const padded = last ? cut : `${cut}${' '.repeat(Math.max(0, (widths[index] ?? 0) - visibleLength(cut)))}`;
        return style(padded, index);
      })
      .join(' '.repeat(GAP))
      .trimEnd();

  const header = line(
    columns.map((column) => column.header),
    (text) => styleHeader(text),
  );
  const body = rows.map((row, r) =>
    line(cells[r] ?? [], (text, index) => columns[index]?.style?.(text, row) ?? text),
  );
  return [header, ...body].join('\n');
}
