import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStorage } from '../registry/storage-registry';
import type { StorageSpec } from '../session-storage';
import type { ConformanceTestApi } from './test-api';
import { killRunningWriters, startWriter, type WriterResult } from './writer-process';

/** A new, empty store each call, described so that another process can open it too. */
export type StorageSpecFactory = () => StorageSpec | Promise<StorageSpec>;

export interface CrossProcessSuiteOptions {
  /** Writer processes started at once; default 100. */
  processes?: number;
  /** Updates each writer makes to its own session after creating it; default 10. */
  updates?: number;
  /** Per test; default 300 s (a hundred node processes on a loaded machine take a while). */
  timeoutMs?: number;
}

function writerFailed(result: WriterResult): string | null {
  return result.code === 0 ? null : `writer exited ${result.code ?? result.signal}: ${result.stderr}`;
}

/**
 * Many processes sharing one store: nothing lost, no name given twice, and every process
 * sees what the others committed. The writers open the store through the registry from
 * the spec, as a background supervisor does.
 */
export function runStorageCrossProcessSuite(
  name: string,
  newSpec: StorageSpecFactory,
  test: ConformanceTestApi,
  options: CrossProcessSuiteOptions = {},
): void {
  const { describe, it, afterEach } = test;
  const processes = options.processes ?? 100;
  const updates = options.updates ?? 10;
  const timeoutMs = options.timeoutMs ?? 300_000;

  describe(`SessionStorage across processes: ${name}`, () => {
    afterEach(async () => killRunningWriters());

    it(
      `keeps every session and every update of ${processes} processes writing at once`,
      async () => {
        const spec = await newSpec();
        const writers = Promise.all(
          Array.from({ length: processes }, (_, index) => startWriter(spec, ['create-and-update', `worker-${index}`, String(updates)]).exited),
        );
        let writing = true;
        void writers.finally(() => (writing = false));
        // Meanwhile a reader of this process must only ever see complete, valid records.
        const reader = await openStorage(spec);
        try {
          let largestSeen = 0;
          while (writing) {
            const seen = await reader.list();
            ok(seen.length >= largestSeen, 'a committed session disappeared from a later list');
            largestSeen = seen.length;
            for (const session of seen) ok(typeof session.counter === 'number' && Array.isArray(session.history));
            await sleep(5);
          }
          deepStrictEqual((await writers).map(writerFailed).filter(Boolean), []);
          const sessions = await reader.list();
          strictEqual(sessions.length, processes);
          for (const session of sessions) {
            strictEqual(session.counter, updates);
            deepStrictEqual(session.history, Array.from({ length: updates }, (_, step) => step + 1));
          }
        } finally {
          await reader.close();
        }
      },
      timeoutMs,
    );

    it(
      "gives concurrent creators of one name in different processes distinct names with onNameTaken 'suffix'",
      async () => {
        const spec = await newSpec();
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, index) => startWriter(spec, ['create-and-update', `same-name-${index}`, '0', 'reviewer']).exited),
        );
        deepStrictEqual(results.map(writerFailed).filter(Boolean), []);
        const names = results.map((result) => (JSON.parse(result.stdout) as { name: string }).name);
        strictEqual(new Set(names).size, 12);
        ok(names.includes('reviewer'));
        const storage = await openStorage(spec);
        try {
          deepStrictEqual((await storage.list()).map((session) => session.name).sort(), [...names].sort());
        } finally {
          await storage.close();
        }
      },
      timeoutMs,
    );

    it(
      'shows a store opened earlier what another process committed since',
      async () => {
        const spec = await newSpec();
        const reader = await openStorage(spec);
        try {
          deepStrictEqual(await reader.list(), []);
          const first = await startWriter(spec, ['create-and-update', 'seen-later', '1']).exited;
          strictEqual(writerFailed(first), null);
          strictEqual((await reader.get('seen-later'))?.counter, 1);
          const second = await startWriter(spec, ['create-and-update', 'seen-later-too', '3']).exited;
          strictEqual(writerFailed(second), null);
          deepStrictEqual(
            (await reader.list()).map((session) => [session.sessionId, session.counter]).sort(),
            [
              ['seen-later', 1],
              ['seen-later-too', 3],
            ],
          );
        } finally {
          await reader.close();
        }
      },
      timeoutMs,
    );
  });
}
