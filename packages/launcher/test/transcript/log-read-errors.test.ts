import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isGenieError, type GenieError } from '@genie/errors';
import { EventLogTail } from '../../src/transcript/event-log-tail';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { readTranscript } from '../../src/transcript/read-transcript';
import { readTurnEnd } from '../../src/transcript/read-turn-end';
import { turnStartOffset } from '../../src/transcript/turn-start-offset';
import { asUnprivileged } from '../../../../tooling/unprivileged';
import { claudeLog, writeLog } from './event-log-fixtures';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-log-errors-'));
  fs.chmodSync(dir, 0o755);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function failure(read: () => unknown): Promise<GenieError> {
  try {
    await read();
  } catch (error) {
    if (isGenieError(error)) return error;
    throw new Error(`expected a GenieError, got ${String(error)}`);
  }
  throw new Error('expected the read to fail');
}

function expectStoreIo(error: GenieError, file: string, hint: RegExp): void {
  expect(error.code).toBe('STORE_IO');
  expect(error.message).toContain(file);
  expect(error.hint).toMatch(hint);
  expect(error.details).toMatchObject({ file });
}

describe('reading an event log that cannot be read', () => {
  it('names the log and says to fix its permissions when it is not readable', async () => {
    const file = path.join(dir, 'locked.jsonl');
    writeLog(file, claudeLog());
    fs.chmodSync(file, 0o600);
    const readers: Array<() => unknown> = [
      () => readLastTurn(file),
      () => turnStartOffset(file, 2),
      () => readTurnEnd(file, 2),
      () => EventLogTail.at(file, 0).readNew(),
    ];
    for (const read of readers) {
      expectStoreIo(await failure(() => asUnprivileged(read)), file, /permission/i);
    }
  });

  it('names the log when a directory stands in its place', async () => {
    const file = path.join(dir, 'dir.jsonl');
    fs.mkdirSync(file);
    const readers: Array<() => unknown> = [
      () => readTranscript(file),
      () => readLastTurn(file),
      () => turnStartOffset(file, 1),
      () => readTurnEnd(file, 1),
      () => EventLogTail.at(file, 0).readNew(),
    ];
    for (const read of readers) expectStoreIo(await failure(read), file, /directory/i);
  });

  it('treats a missing log as one without turns, not as an error', async () => {
    const file = path.join(dir, 'missing.jsonl');
    await expect(readTranscript(file)).resolves.toEqual([]);
    await expect(readLastTurn(file)).resolves.toBeNull();
    expect(turnStartOffset(file, 1)).toBe(0);
    expect(readTurnEnd(file, 1)).toBeNull();
    expect(EventLogTail.at(file, 0).readNew()).toEqual([]);
  });
});
