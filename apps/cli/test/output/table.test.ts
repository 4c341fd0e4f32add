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

describe('renderTable on a narrow terminal', () => {
  const sessions = [
    { id: 'ece22488', name: 'claude-helper-2611211025-2', agent: 'claude-helper', status: 'completed', turns: '1', used: '33s ago', prompt: 'hi there' },
  ];
  type Row = (typeof sessions)[number];
  const sessionColumns = [
    { header: 'ID', value: (row: Row) => row.id },
    { header: 'NAME', value: (row: Row) => row.name },
    { header: 'AGENT', value: (row: Row) => row.agent, dropOrder: 2 },
    { header: 'STATUS', value: (row: Row) => row.status },
    { header: 'TURNS', value: (row: Row) => row.turns, dropOrder: 1 },
    { header: 'LAST USED', value: (row: Row) => row.used, dropOrder: 4 },
    { header: 'LAST PROMPT', value: (row: Row) => row.prompt, dropOrder: 3 },
  ];

  it('never wraps a row: optional columns are left out, in their order, until it fits', () => {
    const lines = renderTable(sessions, sessionColumns, 80).split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(80);
    expect(lines[0]).not.toContain('TURNS');
    expect(lines[0]).not.toContain('AGENT');
    expect(lines[0]).toContain('LAST PROMPT');
    expect(lines[1]).toContain('claude-helper-2611211025-2');
  });

  it('keeps every column when the terminal is wide enough', () => {
    const line = renderTable(sessions, sessionColumns, 200).split('\n')[0];
    expect(line).toBe('ID        NAME                        AGENT          STATUS     TURNS  LAST USED  LAST PROMPT');
  });
});

describe('renderTable with wide (CJK) characters', () => {
  const wide = [
    { name: '修复导入会话', status: 'completed', prompt: 'echo 你好世界' },
    { name: 'plain-name', status: 'failed', prompt: 'echo b' },
  ];
  type Row = (typeof wide)[number];
  const wideColumns = [
    { header: 'NAME', value: (row: Row) => row.name },
    { header: 'STATUS', value: (row: Row) => row.status },
    { header: 'PROMPT', value: (row: Row) => row.prompt },
  ];

  it('measures a wide character as two terminal columns, so the next column lines up', () => {
    const lines = renderTable(wide, wideColumns).split('\n');
    // Six wide characters fill twelve columns, two more than `plain-name`.
    expect(lines).toEqual(['NAME          STATUS     PROMPT', '修复导入会话  completed  echo 你好世界', 'plain-name    failed     echo b']);
  });

  it('cuts a wide last column by terminal columns, never past the width', () => {
    const rows = [{ name: 'a', status: 'ok', prompt: '你好世界你好世界你好世界' }];
    const [, line] = renderTable(rows, wideColumns, 24).split('\n');
    // The first columns take 14 terminal columns, leaving the last one 10: four wide characters and the ellipsis.
    expect(line).toBe('a     ok      你好世界…');
  });
});
