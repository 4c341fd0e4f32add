import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventLogTail } from '../../src/transcript/event-log-tail';
import { turnStartOffset } from '../../src/transcript/turn-start-offset';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-offset-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function record(turn: number, line: string): string {
  return `${JSON.stringify({ time: '2025-01-01T00:00:00Z', turn, stream: 'stdout', line })}\n`;
}

function linesFrom(file: string, offset: number): string[] {
  return EventLogTail.at(file, offset)
    .readNew()
    .map((r) => `${r.turn}:${'line' in r ? r.line : ''}`);
}

describe('turnStartOffset', () => {
  it('finds where a turn begins, so its events can be read without the earlier turns', () => {
    const file = path.join(dir, 's.jsonl');
    fs.writeFileSync(file, record(1, 'a') + record(1, 'b') + record(2, 'c') + record(3, 'd') + record(3, 'e'));
    expect(linesFrom(file, turnStartOffset(file, 3))).toEqual(['3:d', '3:e']);
    expect(linesFrom(file, turnStartOffset(file, 2))).toEqual(['2:c', '3:d', '3:e']);
    expect(turnStartOffset(file, 1)).toBe(0);
  });

  it('gives the end for a turn that has logged nothing yet, and 0 for a missing log', () => {
    const file = path.join(dir, 's.jsonl');
    fs.writeFileSync(file, record(1, 'a'));
    expect(turnStartOffset(file, 2)).toBe(fs.statSync(file).size);
    expect(turnStartOffset(path.join(dir, 'none.jsonl'), 2)).toBe(0);
  });

  it('finds the start when the earlier turn is the first line and the log has no final newline', () => {
    const file = path.join(dir, 's.jsonl');
    const first = record(1, 'a');
    fs.writeFileSync(file, first + record(2, 'b').trimEnd());
    expect(turnStartOffset(file, 2)).toBe(Buffer.byteLength(first));
  });

  it('scans back across chunk boundaries in a long turn', () => {
    const file = path.join(dir, 's.jsonl');
    const long = record(2, 'y'.repeat(500)).repeat(400);
    fs.writeFileSync(file, record(1, 'x'.repeat(300)).repeat(300) + long);
    const offset = turnStartOffset(file, 2);
    expect(offset).toBe(fs.statSync(file).size - Buffer.byteLength(long));
    expect(linesFrom(file, offset)).toHaveLength(400);
  });
});
