/** Terminal width of a string, ignoring colour escapes. */
function visibleLength(text: string): number {
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Optional styling applied after widths are measured. */
  style?: (text: string, row: Row) => string;
}

/**
 * Left-aligned columns separated by two spaces. The last column takes the rest of the
 * line and is cut to fit when a width is known (a terminal), so rows never wrap.
 */
export function renderTable<Row>(rows: Row[], columns: Column<Row>[], width?: number, styleHeader = (t: string) => t): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(visibleLength(column.header), ...cells.map((row) => visibleLength(row[index] ?? ''))),
  );
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = width !== undefined ? Math.max(10, width - fixed - 1) : Number.POSITIVE_INFINITY;

  const line = (values: string[], style: (text: string, index: number) => string): string =>
    values
      .map((value, index) => {
        const last = index === values.length - 1;
        const cut = last && value.length > lastWidth ? `${value.slice(0, lastWidth - 1)}…` : value;
        const padded = last ? cut : cut.padEnd(widths[index] ?? 0);
        return style(padded, index);
      })
      .join('  ')
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
