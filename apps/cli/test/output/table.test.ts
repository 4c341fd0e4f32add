import { renderTable } from '../../src/output/table';

const rows = [
  { id: 'a1', prompt: 'short' },
  { id: 'b22', prompt: 'a much longer prompt that will not fit' },
];
const columns = [
  { header: 'ID', value: (row: (typeof rows)[number]) => row.id },
  { header: 'PROMPT', value: (row: (typeof rows)[number]) => row.prompt },
];

describe('renderTable', () => {
  it('aligns columns', () => {
    expect(renderTable(rows, columns)).toBe(['ID   PROMPT', 'a1   short', 'b22  a much longer prompt that will not fit'].join('\n'));
  });

  it('cuts the last column to the terminal width', () => {
    const lines = renderTable(rows, columns, 20).split('\n');
    expect(lines[2]).toBe('b22  a much longer…');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(20);
  });
});
