import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanLinesBackward, type BackwardLine } from '../../src/transcript/backward-lines';

/**
 * The lines of `text` from the last to the first, with their byte ranges, found the plain way:
 * every piece between newlines, the (empty) one after a final newline included.
 */
function expectedLines(text: string): BackwardLine[] {
  const lines: BackwardLine[] = [];
  let start = 0;
  const bytes = Buffer.from(text, 'utf8');
  for (;;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    lines.push({ text: bytes.toString('utf8', start, end), start, end });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines.reverse();
}

describe('scanLinesBackward', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'genie-backward-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function scan(text: string, stopAfter = Infinity): BackwardLine[] {
    const file = path.join(dir, 'log.jsonl');
    writeFileSync(file, text);
    const fd = openSync(file, 'r');
    try {
      const seen: BackwardLine[] = [];
      scanLinesBackward(fd, Buffer.byteLength(text), (line) => {
        seen.push(line);
        return seen.length >= stopAfter;
      });
      return seen;
    } finally {
      closeSync(fd);
    }
  }

  it.each([
    ['short lines', 'a\nbb\nccc\n'],
    ['a last line without its newline', 'a\nbb\nccc'],
    ['empty lines', '\n\na\n\n'],
    ['lines across chunk boundaries', `${'x'.repeat(70_000)}\n${'y'.repeat(64 * 1024 - 1)}\nz\n${'w'.repeat(130_000)}`],
    ['a line several chunks long, cut short at the end', `{"turn":1}\n${'é'.repeat(200_000)}`],
    ['newlines right at chunk boundaries', `${'a'.repeat(64 * 1024 - 1)}\n${'b'.repeat(64 * 1024 - 1)}\n${'c'.repeat(64 * 1024)}\n`],
  ])('visits every line of %s, last first, with its byte range', (_what, text) => {
    expect(scan(text)).toEqual(expectedLines(text));
  });

  it('stops at the line the visitor asks it to', () => {
    const text = `one\n${'t'.repeat(100_000)}\nthree`;
    expect(scan(text, 2).map((line) => line.text.slice(0, 3))).toEqual(['thr', 'ttt']);
  });
});
