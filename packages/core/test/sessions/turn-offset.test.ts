import fs from 'node:fs';
import path from 'node:path';
import { EventLogTail } from '../../src/sessions/event-log-tail';
import { turnStartOffset } from '../../src/sessions/turn-offset';
import { makeTempDir, removeTempDirs } from '../helpers/temp-workspace';

afterAll(removeTempDirs);

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
    const file = path.join(makeTempDir(), 's.jsonl');
    fs.writeFileSync(file, record(1, 'a') + record(1, 'b') + record(2, 'c') + record(3, 'd') + record(3, 'e'));
    expect(linesFrom(file, turnStartOffset(file, 3))).toEqual(['3:d', '3:e']);
    expect(linesFrom(file, turnStartOffset(file, 2))).toEqual(['2:c', '3:d', '3:e']);
    expect(turnStartOffset(file, 1)).toBe(0);
  });

  it('gives the end for a turn that has logged nothing yet, and 0 for a missing log', () => {
    const file = path.join(makeTempDir(), 's.jsonl');
    fs.writeFileSync(file, record(1, 'a'));
    expect(turnStartOffset(file, 2)).toBe(fs.statSync(file).size);
    expect(turnStartOffset(path.join(makeTempDir(), 'none.jsonl'), 2)).toBe(0);
  });

  it('scans back across chunk boundaries in a long turn', () => {
    const file = path.join(makeTempDir(), 's.jsonl');
    const long = record(2, 'y'.repeat(500)).repeat(400);
    fs.writeFileSync(file, record(1, 'x'.repeat(300)).repeat(300) + long);
    const offset = turnStartOffset(file, 2);
    expect(offset).toBe(fs.statSync(file).size - Buffer.byteLength(long));
    expect(linesFrom(file, offset)).toHaveLength(400);
  });
});
