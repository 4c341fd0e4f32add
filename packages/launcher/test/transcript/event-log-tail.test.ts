import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventLogTail, logSize } from '../../src/transcript/event-log-tail';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-tail-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function record(turn: number, line: string): string {
  return `${JSON.stringify({ time: '2025-01-01T00:00:00Z', turn, stream: 'stdout', line })}\n`;
}

const linesOf = (records: ReturnType<EventLogTail['readNew']>): string[] => records.map((r) => ('line' in r ? r.line : ''));

describe('EventLogTail', () => {
  it('has nothing to read before the log exists, then reads records as they are appended', () => {
    const file = path.join(dir, 'logs', 's.jsonl');
    const tail = EventLogTail.at(file, 0);
    expect(tail.readNew()).toEqual([]);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, record(1, 'a') + record(1, 'b'));
    expect(linesOf(tail.readNew())).toEqual(['a', 'b']);
    expect(tail.readNew()).toEqual([]);
    fs.appendFileSync(file, record(2, 'c'));
    expect(tail.readNew().map((r) => r.turn)).toEqual([2]);
  });

  it('keeps a half-written line, even one cut inside a multi-byte character, until it is complete', () => {
    const file = path.join(dir, 's.jsonl');
    const full = Buffer.from(record(1, 'héllo ✓'));
    const cut = full.indexOf(Buffer.from('✓')) + 1;
    fs.writeFileSync(file, full.subarray(0, cut));
    const tail = EventLogTail.at(file, 0);
    expect(tail.readNew()).toEqual([]);
    fs.appendFileSync(file, full.subarray(cut));
    expect(linesOf(tail.readNew())).toEqual(['héllo ✓']);
  });

  it('starts after what is already logged when opened from the end', () => {
    const file = path.join(dir, 's.jsonl');
    fs.writeFileSync(file, record(1, 'old'));
    const tail = EventLogTail.at(file, logSize(file));
    fs.appendFileSync(file, record(2, 'new'));
    expect(linesOf(tail.readNew())).toEqual(['new']);
  });

  it('skips lines that are not event-log records', () => {
    const file = path.join(dir, 's.jsonl');
    fs.writeFileSync(file, `not json\n{"turn":"x"}\n${record(1, 'kept')}`);
    expect(linesOf(EventLogTail.at(file, 0).readNew())).toEqual(['kept']);
  });

  it('reads a large log in bounded steps and reports when it has caught up', () => {
    const file = path.join(dir, 's.jsonl');
    const line = record(1, 'x'.repeat(1000));
    fs.writeFileSync(file, line.repeat(6000));
    const tail = EventLogTail.at(file, 0);
    let total = 0;
    let steps = 0;
    do {
      total += tail.readNew().length;
      steps += 1;
    } while (!tail.caughtUp);
    expect(total).toBe(6000);
    expect(steps).toBeGreaterThan(1);
  });
});
