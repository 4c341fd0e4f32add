import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { validate } from '@genie/session-schema';
import { openJsonStorage } from '../../src/index';
import { startFixture } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

const LANES = 4;
const TRIALS_PER_LANE = 50;
const MAX_KILL_DELAY_MS = 30;

interface LaneOutcome {
  acknowledged: number;
  abandonedLocks: number;
}

function committedSessions(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const store = JSON.parse(readFileSync(file, 'utf8'));
  expect(validate(store)).toEqual([]);
  return store.sessions;
}

async function runLane(lane: number): Promise<LaneOutcome> {
  const file = join(tempDir(`crash-${lane}`), 'sessions.json');
  const acknowledged: string[] = [];
  let abandonedLocks = 0;
  for (let trial = 0; trial < TRIALS_PER_LANE; trial += 1) {
    const writer = startFixture('ack-writer.js', [file, `lane${lane}-trial${trial}`]);
    await writer.waitForLine('ready');
    await sleep(Math.random() * MAX_KILL_DELAY_MS);
    writer.child.kill('SIGKILL');
    const result = await writer.exited;
    expect(result.signal).toBe('SIGKILL');
    for (const line of result.stdout.split('\n')) if (line.startsWith('ack ')) acknowledged.push(line.slice(4));

    const sessions = committedSessions(file);
    for (const id of acknowledged) expect(sessions).toHaveProperty([id]);
    if (existsSync(`${file}.lock`)) abandonedLocks += 1;

    // A dead writer's lock must be reclaimed at once; waiting for it would end in LOCK_TIMEOUT.
    const storage = openJsonStorage(file, { lockTimeoutMs: 5_000 });
    await storage.create({ sessionId: `verify-${lane}-${trial}`, agent: 'verify' });
    await storage.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  }
  const finalSessions = committedSessions(file);
  for (const id of acknowledged) expect(finalSessions).toHaveProperty([id]);
  return { acknowledged: acknowledged.length, abandonedLocks };
}

describe('json storage writers killed with SIGKILL at random moments', () => {
  it(`keeps the file valid and every acknowledged write over ${LANES * TRIALS_PER_LANE} trials`, async () => {
    const outcomes = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane)));
    const total = outcomes.reduce((sum, outcome) => ({
      acknowledged: sum.acknowledged + outcome.acknowledged,
      abandonedLocks: sum.abandonedLocks + outcome.abandonedLocks,
    }));
    // The trials must really have hit writers mid-write, not only before their first write.
    expect(total.acknowledged).toBeGreaterThan(0);
    expect(total.abandonedLocks).toBeGreaterThan(0);
  }, 300_000);
});
