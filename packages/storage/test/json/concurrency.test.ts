import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { validate } from '@genie/session-schema';
import { openJsonStorage } from '../../src/index';
import { runFixture } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

const PROCESSES = 100;
const UPDATES = 10;

describe('json storage shared by many processes', () => {
  it(`keeps every session and every update of ${PROCESSES} processes writing at once`, async () => {
    const file = join(tempDir('concurrency'), '.genie', 'state', 'agents', 'sessions.json');
    const writers = Promise.all(
      Array.from({ length: PROCESSES }, (_, index) => runFixture('create-and-update.js', [file, `worker-${index}`, String(UPDATES)])),
    );
    let writing = true;
    void writers.finally(() => (writing = false));
    // Meanwhile a reader that takes no lock must only ever see complete, valid versions.
    const reader = openJsonStorage(file);
    let reads = 0;
    let largestSeen = 0;
    while (writing) {
      const seen = await reader.list();
      largestSeen = Math.max(largestSeen, seen.length);
      if (existsSync(file)) expect(validate(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
      reads += 1;
      await sleep(5);
    }
    const results = await writers;
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(reads).toBeGreaterThan(0);
    expect(largestSeen).toBeGreaterThan(0);

    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(validate(onDisk)).toEqual([]);
    const sessions = await openJsonStorage(file).list();
    expect(sessions).toHaveLength(PROCESSES);
    for (const session of sessions) {
      expect(session.counter).toBe(UPDATES);
      expect(session.history).toEqual(Array.from({ length: UPDATES }, (_, i) => i + 1));
    }
  }, 240_000);

  it("gives concurrent creators of one name distinct names with onNameTaken 'suffix'", async () => {
    const file = join(tempDir('names'), 'sessions.json');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => runFixture('create-and-update.js', [file, `same-name-${index}`, '0', 'reviewer'])),
    );
    const names = results.map((result) => {
      expect(result.stderr).toBe('');
      return (JSON.parse(result.stdout) as { name: string }).name;
    });
    expect(new Set(names).size).toBe(12);
    expect(names).toContain('reviewer');
    expect((await openJsonStorage(file).list()).map((session) => session.name).sort()).toEqual([...names].sort());
  }, 120_000);
});
