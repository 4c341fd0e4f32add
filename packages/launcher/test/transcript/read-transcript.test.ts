import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claudeExecutor } from '../../src/executors/claude/claude-executor';
import { codexExecutor } from '../../src/executors/codex/codex-executor';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { readTranscript } from '../../src/transcript/read-transcript';
import { MAX_EVENT_TEXT, MAX_EVENTS_PER_TURN } from '../../src/transcript/turn-builder';
import { claudeLog, codexLog, end, out, SID, start, writeLog } from './event-log-fixtures';

let dir: string;
let logFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-transcript-'));
  logFile = path.join(dir, 'session.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const strip = <T extends { time: string; turn: number }>(events: T[]) => events.map(({ time, turn, ...rest }) => rest);

describe('readTranscript', () => {
  it('renders two claude turns: prompt, tools, messages, stderr and outcome', async () => {
    const records = claudeLog();
    writeLog(logFile, records);
    const turns = await readTranscript(logFile, { executor: claudeExecutor });
    expect(turns).toHaveLength(2);
    const [first, second] = turns;
    expect(first).toMatchObject({
      turn: 1,
      prompt: 'remember PINEAPPLE and list files',
      startedAt: records[0]?.time,
      endedAt: records[9]?.time,
      status: 'completed',
      exitCode: 0,
      error: null,
      answer: 'OK, I will remember PINEAPPLE.',
      usage: { inputTokens: 5, outputTokens: 7, costUsd: 0.01, durationMs: 900 },
    });
    expect(strip(first!.events)).toEqual([
      { kind: 'prompt', text: 'remember PINEAPPLE and list files' },
      { kind: 'tool_call', name: 'Bash', input: { command: 'ls' }, id: 'toolu_1' },
      { kind: 'tool_result', output: 'a.txt', isError: false, id: 'toolu_1' },
      { kind: 'output', text: 'Warning: low disk', stream: 'stderr' },
      { kind: 'message', text: 'OK, I will remember PINEAPPLE.' },
      {
        kind: 'outcome', status: 'completed', exitCode: 0, signal: null, error: null,
        answer: 'OK, I will remember PINEAPPLE.', usage: { inputTokens: 5, outputTokens: 7, costUsd: 0.01, durationMs: 900 },
      },
    ]);
    expect(second).toMatchObject({ turn: 2, prompt: 'what did I ask you to remember?', answer: 'You asked me to remember PINEAPPLE.', usage: { costUsd: 0.02 } });
    expect(second!.events.every((event) => event.turn === 2)).toBe(true);
  });

  it('shows reasoning only in a full transcript', async () => {
    writeLog(logFile, claudeLog());
    const [brief] = await readTranscript(logFile, { executor: claudeExecutor });
    const [full] = await readTranscript(logFile, { executor: claudeExecutor, full: true });
    expect(brief!.events.some((event) => event.kind === 'reasoning')).toBe(false);
    expect(full!.events.filter((event) => event.kind === 'reasoning')).toMatchObject([{ text: 'Listing first.' }]);
  });

  it('renders two codex turns, answering from the last message and showing the failure', async () => {
    writeLog(logFile, codexLog());
    const [first, second] = await readTranscript(logFile, { executorFor: () => codexExecutor });
    expect(first).toMatchObject({ status: 'completed', answer: 'OK, I will remember GOLD.', usage: { inputTokens: 20, cachedInputTokens: 4, outputTokens: 6 } });
    expect(strip(first!.events).map((event) => event.kind)).toEqual(['prompt', 'tool_call', 'tool_result', 'message', 'outcome']);
    expect(first!.events[1]).toMatchObject({ name: 'command', input: { command: 'bash -lc ls' } });
    expect(first!.events.at(-1)).toMatchObject({ kind: 'outcome', answer: 'OK, I will remember GOLD.' });
    expect(second).toMatchObject({ status: 'failed', exitCode: 1, error: 'codex reported an error: stream disconnected', answer: null });
    expect(strip(second!.events)).toEqual([
      { kind: 'prompt', text: 'what did I ask you to remember?' },
      { kind: 'error', message: 'stream disconnected' },
      {
        kind: 'outcome', status: 'failed', exitCode: 1, signal: null, error: 'codex reported an error: stream disconnected', answer: null, usage: null,
      },
    ]);
  });

  it('a stopped or lost turn has no answer, even when the agent had started a message', async () => {
    writeLog(logFile, [
      start(1, 'claude', 'write a poem'),
      out(1, { type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'Roses are' }] }, session_id: SID }),
      end(1, { status: 'stopped', exitCode: null, signal: 'SIGTERM' }),
      start(2, 'claude', 'write it again'),
      out(2, { type: 'assistant', message: { role: 'assistant', content: [{ type: 'text', text: 'Violets' }] }, session_id: SID }),
      // What closeOpenTurn writes for a turn whose supervisor vanished: no answer field.
      { time: '2025-10-01T11:00:00.000Z', turn: 2, stream: 'meta', type: 'turn.end', status: 'lost', exitCode: null, signal: null, error: 'gone' },
    ]);
    const turns = await readTranscript(logFile, { executor: claudeExecutor });
    expect(turns.map((turn) => [turn.status, turn.answer])).toEqual([['stopped', null], ['lost', null]]);
    expect(turns.map((turn) => turn.events.at(-1))).toMatchObject([{ kind: 'outcome', answer: null }, { kind: 'outcome', answer: null }]);
    expect(turns[0]!.events.map((event) => event.kind)).toEqual(['prompt', 'message', 'outcome']);
    await expect(readLastTurn(logFile, { executor: claudeExecutor })).resolves.toMatchObject({ status: 'lost', answer: null });
  });

  it('a turn without turn.end is running, with the result it already reported', async () => {
    const records = claudeLog().slice(0, 9);
    writeLog(logFile, records);
    fs.appendFileSync(logFile, '{"time":"2025-10-01T10:00:59.000Z","turn":1,"stream":"std');
    const [turn] = await readTranscript(logFile, { executor: claudeExecutor });
    expect(turn).toMatchObject({ status: 'running', endedAt: null, exitCode: null, answer: 'OK, I will remember PINEAPPLE.', usage: { costUsd: 0.01 } });
    expect(turn!.events.at(-1)?.kind).toBe('message');
  });

  it('picks each turn\'s executor from its turn.start when none is given', async () => {
    writeLog(logFile, [...claudeLog().slice(0, 10), { ...codexLog()[0]!, turn: 2 }, ...codexLog().slice(1, 9).map((record) => ({ ...record, turn: 2 }))]);
    const turns = await readTranscript(logFile);
    expect(turns.map((turn) => turn.answer)).toEqual(['OK, I will remember PINEAPPLE.', 'OK, I will remember GOLD.']);
  });

  it('shows the lines of a command turn, and of an executor this build does not know, as output', async () => {
    writeLog(logFile, [
      start(1, 'command', 'echo hi'), out(1, 'hi'), out(1, 'oops', 'stderr'), end(1, { answer: 'hi' }),
      start(2, 'gemini', 'hello'), out(2, '{"type":"gemini.event"}'), end(2, { status: 'failed', exitCode: 3 }),
    ]);
    const turns = await readTranscript(logFile);
    expect(turns.map((turn) => strip(turn.events).map((event) => event.kind))).toEqual([
      ['prompt', 'output', 'output', 'outcome'],
      ['prompt', 'output', 'outcome'],
    ]);
    expect(turns[0]!.events[2]).toMatchObject({ text: 'oops', stream: 'stderr' });
    expect(turns.map((turn) => [turn.status, turn.answer])).toEqual([['completed', 'hi'], ['failed', null]]);
  });

  it('a missing log has no turns', async () => {
    await expect(readTranscript(path.join(dir, 'nope.jsonl'))).resolves.toEqual([]);
    await expect(readLastTurn(path.join(dir, 'nope.jsonl'))).resolves.toBeNull();
  });
});

describe('readLastTurn', () => {
  it('equals the last turn of the whole transcript for both executors', async () => {
    for (const [records, executor] of [[claudeLog(), claudeExecutor], [codexLog(), codexExecutor]] as const) {
      writeLog(logFile, records);
      const all = await readTranscript(logFile, { executor });
      await expect(readLastTurn(logFile, { executor })).resolves.toEqual(all.at(-1));
    }
  });

  it('finds the last turn across chunk boundaries and multi-byte text', async () => {
    const records = [start(1, 'claude', 'first')];
    for (let index = 0; index < 3000; index += 1) {
      records.push(out(1, { type: 'assistant', message: { content: [{ type: 'text', text: `é🙂 line ${index} ${'x'.repeat(index % 97)}` }] } }));
    }
    records.push(end(1), start(2, 'claude', 'second 🙂'));
    for (let index = 0; index < 2000; index += 1) {
      records.push(out(2, { type: 'assistant', message: { content: [{ type: 'text', text: `ü ${index} ${'y'.repeat(index % 131)}` }] } }));
    }
    writeLog(logFile, records);
    expect(fs.statSync(logFile).size).toBeGreaterThan(4 * 64 * 1024);
    const last = await readLastTurn(logFile, { executor: claudeExecutor });
    expect(last).toMatchObject({ turn: 2, prompt: 'second 🙂', status: 'running' });
    // The prompt and 2000 messages: the latest MAX_EVENTS_PER_TURN are kept, the rest counted.
    expect(last!.events).toHaveLength(MAX_EVENTS_PER_TURN);
    expect(last!.omittedEvents).toBe(2001 - MAX_EVENTS_PER_TURN);
    expect(last!.events.at(-1)).toMatchObject({ kind: 'message', text: expect.stringContaining('ü 1999 ') });
    expect(last).toEqual((await readTranscript(logFile, { executor: claudeExecutor })).at(-1));
  });

  it('cuts an output line longer than MAX_EVENT_TEXT, saying how much is left in the log', async () => {
    writeLog(logFile, [start(1, 'command', 'big'), out(1, 'z'.repeat(MAX_EVENT_TEXT + 10))]);
    const last = await readLastTurn(logFile);
    const output = last!.events.find((event) => event.kind === 'output');
    expect(output).toMatchObject({ text: `${'z'.repeat(MAX_EVENT_TEXT)}… (10 more characters in the event log)` });
    expect(last!.omittedEvents).toBeUndefined();
  });

  it('an empty log has no last turn', async () => {
    fs.writeFileSync(logFile, '');
    await expect(readLastTurn(logFile)).resolves.toBeNull();
  });
});
