import { setTimeout as sleep } from 'node:timers/promises';
import { runStorageCrashSuite, runStorageCrossProcessSuite } from '../../src/conformance';
import { openPostgresStorage, type PostgresStorageSpec } from '../../src/index';
import { SCHEMA_VERSION } from '../../src/postgres/postgres-schema';
import { startFixture } from '../helpers/child-process';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';

const test = { describe, it, beforeEach, afterEach };
let project = 0;
let sharedUrl: string | undefined;

/** A new, empty store: a project of its own in one database of the test cluster. */
async function newSpec(label: string): Promise<PostgresStorageSpec> {
  sharedUrl ??= await createTestDatabase('shared');
  project += 1;
  return { kind: 'postgres', url: sharedUrl, project: `${label}-${project}` };
}

runStorageCrossProcessSuite('postgres', () => newSpec('cross-process'), test);
// The store connects on its first write (loading the driver, a connection, the schema check):
// kills must come later than for a file, or no write would ever be under way.
runStorageCrashSuite('postgres', () => newSpec('crash'), test, { maxKillDelayMs: 400 });

describe('postgres storage shared by many processes', () => {
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
const TRIALS_PER_LANE = 15;
const MAX_KILL_DELAY_MS = 40;

describe('postgres storage writers killed with SIGKILL at random moments, inside a transaction', () => {
  it(`leaves no row lock behind and loses no acknowledged update over ${LANES * TRIALS_PER_LANE} trials`, async () => {
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

describe('postgres storage when the server ends connections that are in use', () => {
  it('keeps every process alive: the calls under way fail or retry, nothing ends the process', async () => {
    const url = await createTestDatabase('terminated');
    const clients = Array.from({ length: 3 }, () => startFixture('pg-busy-client.js', [url]));
    await Promise.all(clients.map((client) => client.waitForLine('ready')));
    // What a restart or a failover does to each connection, many times over while they are busy.
    for (let round = 0; round < 150; round += 1) {
      await queryDatabase(
        url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND backend_type = 'client backend'",
      );
      await sleep(20);
    }
    for (const client of clients) client.child.kill('SIGUSR1');
    const results = await Promise.all(clients.map((client) => client.exited));
    for (const result of results) expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: 'ready\nsurvived\n', stderr: '' });
  }, 120_000);
});
