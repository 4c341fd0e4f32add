import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStorage } from '../../src/index';
import { SCHEMA_VERSION } from '../../src/postgres/postgres-schema';
import { runFixture, startFixture } from '../helpers/child-process';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';

const WRITERS = 40;
const UPDATES = 10;

describe('postgres storage shared by many processes', () => {
  it(`keeps every session and every update of ${WRITERS} processes writing at once`, async () => {
    const url = await createTestDatabase('writers');
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, index) => runFixture('pg-create-and-update.js', [url, 'team', `worker-${index}`, String(UPDATES)])),
    );
    for (const result of results) expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const storage = openPostgresStorage(url, { project: 'team' });
    const sessions = await storage.list();
    await storage.close();
    expect(sessions).toHaveLength(WRITERS);
    for (const session of sessions) {
      expect(session.counter).toBe(UPDATES);
      expect(session.history).toEqual(Array.from({ length: UPDATES }, (_, i) => i + 1));
    }
  }, 240_000);

  it("gives concurrent creators of one name in different processes distinct names with onNameTaken 'suffix'", async () => {
    const url = await createTestDatabase('names');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => runFixture('pg-create-and-update.js', [url, 'team', `same-name-${index}`, '0', 'reviewer'])),
    );
    const names = results.map((result) => {
      expect(result.stderr).toBe('');
      return (JSON.parse(result.stdout) as { name: string }).name;
    });
    expect(new Set(names).size).toBe(12);
    expect(names).toContain('reviewer');
  }, 120_000);

  it('migrates the schema once when many processes open a new database at the same moment', async () => {
    const url = await createTestDatabase('migrate');
    const openers = Array.from({ length: 16 }, () => startFixture('pg-open.js', [url]));
    await Promise.all(openers.map((opener) => opener.waitForLine('ready')));
    for (const opener of openers) opener.child.kill('SIGUSR1');
    const results = await Promise.all(openers.map((opener) => opener.exited));
    for (const result of results) expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: 'ready\nopened\n', stderr: '' });
    const versions = await queryDatabase<{ version: number }>(url, 'SELECT version FROM genie_schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  }, 120_000);
});

const LANES = 4;
const TRIALS_PER_LANE = 25;
const MAX_KILL_DELAY_MS = 40;

describe('postgres storage writers killed with SIGKILL at random moments', () => {
  it(`keeps every acknowledged write and leaves no lock behind over ${LANES * TRIALS_PER_LANE} trials`, async () => {
    const url = await createTestDatabase('crash');
    const runLane = async (lane: number): Promise<number> => {
      const project = `lane-${lane}`;
      const storage = openPostgresStorage(url, { project });
      await storage.create({ sessionId: 'shared', agent: 'crash', status: 'running', counter: 0 });
      const created: string[] = [];
      let counted = 0;
      for (let trial = 0; trial < TRIALS_PER_LANE; trial += 1) {
        const writer = startFixture('pg-ack-writer.js', [url, project, 'shared', `trial${trial}`]);
        await writer.waitForLine('ready');
        await sleep(Math.random() * MAX_KILL_DELAY_MS);
        writer.child.kill('SIGKILL');
        const result = await writer.exited;
        expect(result.signal).toBe('SIGKILL');
        for (const line of result.stdout.split('\n')) {
          if (line.startsWith('created ')) created.push(line.slice(8));
          if (line.startsWith('counted ')) counted = Math.max(counted, Number(line.slice(8)));
        }
        // The killed writer's transaction is rolled back by the server, its row lock released:
        // this update would otherwise wait, and the test time out.
        const after = await storage.update('shared', (current) => ({ ...current, counter: (current.counter as number) + 1 }));
        counted = Math.max(counted, after.counter as number);
        expect(after.counter).toBeGreaterThanOrEqual(counted);
        for (const id of created) expect(await storage.get(id)).toMatchObject({ sessionId: id, agent: 'crash' });
      }
      const final = await storage.get('shared');
      await storage.close();
      expect(final?.counter).toBe(counted);
      return created.length;
    };
    const createdPerLane = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane)));
    // The trials must really have hit writers mid-work, not only before their first write.
    expect(createdPerLane.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
  }, 300_000);
});
