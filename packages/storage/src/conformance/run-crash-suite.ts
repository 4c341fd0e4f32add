import { ok } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStorage } from '../registry/storage-registry';
import type { StorageSpec } from '../session-storage';
import type { StorageSpecFactory } from './run-cross-process-suite';
import type { ConformanceTestApi } from './test-api';
import { killRunningWriters, startWriter } from './writer-process';

export interface CrashSuiteOptions {
  /** Stores tested side by side; default 4. */
  lanes?: number;
  /** Writers killed per lane; default 50 (200 trials in all). */
  trialsPerLane?: number;
  /** A writer is killed at a random moment up to this long after it is ready; default 30 ms. */
  maxKillDelayMs?: number;
  /** Per test; default 600 s. */
  timeoutMs?: number;
  /** Runs right after each kill, before the store is opened again: for what only this adapter can check (a lock left behind). */
  afterKill?: (spec: StorageSpec) => void | Promise<void>;
}

interface CrashOutcome {
  trials: number;
  acknowledged: number;
}

async function runLane(spec: StorageSpec, lane: number, options: Required<Omit<CrashSuiteOptions, 'afterKill'>> & CrashSuiteOptions): Promise<CrashOutcome> {
  const acknowledged: string[] = [];
  for (let trial = 0; trial < options.trialsPerLane; trial += 1) {
    const writer = startWriter(spec, ['ack-writer', `lane${lane}-trial${trial}`]);
    await writer.waitForLine('ready');
    await sleep(Math.random() * options.maxKillDelayMs);
    writer.child.kill('SIGKILL');
    const result = await writer.exited;
    ok(result.signal === 'SIGKILL', `the writer ended by itself (${result.code}): ${result.stderr}`);
    for (const line of result.stdout.split('\n')) if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
    await options.afterKill?.(spec);

    // Reading fails on a corrupt store; the write must not wait for the dead writer.
    const storage = await openStorage(spec);
    try {
      const stored = new Set((await storage.list()).map((session) => session.sessionId));
      const lost = acknowledged.filter((id) => !stored.has(id));
      ok(lost.length === 0, `acknowledged writes lost after trial ${trial} of lane ${lane}: ${lost.join(', ')}`);
      await storage.create({ sessionId: `verify-${lane}-${trial}`, agent: 'verify' });
    } finally {
      await storage.close();
    }
  }
  return { trials: options.trialsPerLane, acknowledged: acknowledged.length };
}

/**
 * Writers killed with SIGKILL at random moments: afterwards the store must open, hold every
 * write a writer acknowledged, and take the next write at once.
 */
export function runStorageCrashSuite(
  name: string,
  newSpec: StorageSpecFactory,
  test: ConformanceTestApi,
  options: CrashSuiteOptions = {},
): void {
  const { describe, it, afterEach } = test;
  const settings = {
    lanes: options.lanes ?? 4,
    trialsPerLane: options.trialsPerLane ?? 50,
    maxKillDelayMs: options.maxKillDelayMs ?? 30,
    timeoutMs: options.timeoutMs ?? 600_000,
    ...(options.afterKill ? { afterKill: options.afterKill } : {}),
  };

  describe(`SessionStorage writers killed at random: ${name}`, () => {
    afterEach(async () => killRunningWriters());

    it(
      `keeps the store usable and every acknowledged write over ${settings.lanes * settings.trialsPerLane} trials`,
      async () => {
        const outcomes = await Promise.all(
          Array.from({ length: settings.lanes }, async (_, lane) => runLane(await newSpec(), lane, settings)),
        );
        // The trials must really have hit writers mid-stream, not only before their first write.
        ok(outcomes.reduce((sum, outcome) => sum + outcome.acknowledged, 0) > 0, 'no writer acknowledged a write before it was killed');
      },
      settings.timeoutMs,
    );
  });
}
