import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@genie/session-schema';
import { runStorageCrashSuite, runStorageCrossProcessSuite } from '../../src/conformance';
import type { JsonStorageSpec } from '../../src/index';
import { tempDir } from '../helpers/temp-dir';

const test = { describe, it, beforeEach, afterEach };

// A hundred writers queue on one lock: each may wait its turn for a while on a loaded machine.
runStorageCrossProcessSuite('json', () => ({ kind: 'json', file: join(tempDir('json-shared'), 'sessions.json'), lockTimeoutMs: 240_000 }), test);

let abandonedLocks = 0;
// A short lock timeout: the lock of a killed writer must be taken over at once, not waited out.
runStorageCrashSuite('json', () => ({ kind: 'json', file: join(tempDir('json-crash'), 'sessions.json'), lockTimeoutMs: 5_000 }), test, {
  afterKill(spec) {
    const { file } = spec as JsonStorageSpec;
    // Readers of the file itself (jq) must only ever find a complete, valid version.
    if (existsSync(file)) expect(validate(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
    if (existsSync(`${file}.lock`)) abandonedLocks += 1;
  },
});

afterAll(() => {
  // Some kills must really have hit a writer holding the lock.
  expect(abandonedLocks).toBeGreaterThan(0);
});
