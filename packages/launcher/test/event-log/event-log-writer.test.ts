import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventLogPath } from '../../src/event-log/event-log-path';
import { EventLogWriter } from '../../src/event-log/event-log-writer';
import { closeOpenTurn } from '../../src/event-log/close-open-turn';
import { readLastTurn } from '../../src/transcript/read-last-turn';

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

  it('starts on a line of its own after a line a crash cut short, so the cut line does not swallow the next record', () => {
    const file = path.join(dir, 'torn.jsonl');
    writeFileSync(file, '{"time":"t1","turn":1,"stream":"stdout","line":"one"}\n{"time":"t2","turn":1,"stream":"meta","type":"turn.e');
    const writer = new EventLogWriter(file);
    writer.append([{ time: 't3', turn: 2, stream: 'stdout', line: 'two' }]);
    writer.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[1]).toBe('{"time":"t2","turn":1,"stream":"meta","type":"turn.e');
    expect(JSON.parse(lines[2] as string)).toEqual({ time: 't3', turn: 2, stream: 'stdout', line: 'two' });
    expect(lines.at(-1)).toBe('');
  });

  it('closes a turn whose turn.end a crash cut short: the turn ends in the transcript', async () => {
    const file = path.join(dir, 'cut-end.jsonl');
    const start = { time: '2026-01-01T00:00:00.000Z', turn: 1, stream: 'meta', type: 'turn.start', prompt: 'p', executor: 'command', resume: false };
    writeFileSync(file, `${JSON.stringify(start)}\n{"time":"2026-01-01T00:00:01.000Z","turn":1,"stream":"meta","type":"turn.end","sta`);
    expect((await readLastTurn(file))?.endedAt).toBeNull();
    await expect(closeOpenTurn(file, { turn: 1, status: 'lost', signal: null, error: 'gone' })).resolves.toBe(true);
    const last = await readLastTurn(file);
    expect(last?.status).toBe('lost');
    expect(last?.endedAt).not.toBeNull();
  });
});
