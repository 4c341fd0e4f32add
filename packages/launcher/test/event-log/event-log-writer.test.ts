import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventLogPath } from '../../src/event-log/event-log-path';
import { EventLogWriter } from '../../src/event-log/event-log-writer';

describe('EventLogWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'genie-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends to what the log already holds and never truncates it', () => {
    const file = eventLogPath(path.join(dir, 'logs'), 'abc');
    expect(file).toBe(path.join(dir, 'logs', 'abc.jsonl'));
    const first = new EventLogWriter(file);
    first.append([{ time: 't1', turn: 1, stream: 'stdout', line: 'one' }]);
    first.close();
    const second = new EventLogWriter(file);
    second.append([
      { time: 't2', turn: 2, stream: 'stdout', line: 'two' },
      { time: 't3', turn: 2, stream: 'stderr', line: 'with "quotes"\tand tabs' },
    ]);
    second.close();

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.filter(Boolean).map((line) => JSON.parse(line).line)).toEqual(['one', 'two', 'with "quotes"\tand tabs']);
    expect(lines.at(-1)).toBe('');
  });

  it('keeps bytes written by an earlier genie version in place', () => {
    const file = path.join(dir, 'old.jsonl');
    writeFileSync(file, 'legacy line\n');
    const writer = new EventLogWriter(file);
    writer.append([{ time: 't', turn: 1, stream: 'stdout', line: 'new' }]);
    writer.close();
    expect(readFileSync(file, 'utf8').startsWith('legacy line\n{')).toBe(true);
  });
});
