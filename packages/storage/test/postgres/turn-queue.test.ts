import { randomUUID } from 'node:crypto';
import { isGenieError } from '@genie/errors';
import { openPostgresStorage, openWorkerRegistry, TurnQueue, TurnQueueNames } from '../../src/index';
import { sampleEntry } from '../../src/conformance/sample-entry';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';

let url: string;
const closing: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  url = await createTestDatabase('turn_queue');
});

afterAll(async () => {
  await Promise.all(closing.map((opened) => opened.close()));
});

function opened<T extends { close(): Promise<void> }>(value: T): T {
  closing.push(value);
  return value;
}

describe('the turn queue (pg-boss) beside the session records', () => {
  it('commits a queued record and its job in one transaction', async () => {
    const storage = opened(openPostgresStorage(url, { project: 'together' }));
    const queue = opened(new TurnQueue(url));
    const name = new TurnQueueNames('together').shared([]);
    await queue.ensureQueue(name);
    const jobId = randomUUID();
    const entry = sampleEntry({ status: 'queued', queuedTurn: { jobId, queue: name, host: null, labels: [], queuedAt: new Date().toISOString() } });
    await storage.createWith(entry, {}, (sql) => queue.send({ id: jobId, queue: name, data: { sessionId: entry.sessionId } }, sql));
    expect((await storage.get(entry.sessionId))?.status).toBe('queued');
    const jobs = await queue.fetch(name, 5);
    expect(jobs).toEqual([{ id: jobId, queue: name, data: { sessionId: entry.sessionId } }]);
    await queue.complete(jobs[0] as (typeof jobs)[0]);
    expect(await queue.fetch(name, 5)).toEqual([]);
  });

  it('leaves nothing behind when the job cannot be queued: no record, no job', async () => {
    const storage = opened(openPostgresStorage(url, { project: 'refused' }));
    const queue = opened(new TurnQueue(url));
    const names = new TurnQueueNames('refused');
    await queue.ensureQueue(names.shared([]));
    const entry = sampleEntry({ status: 'queued' });
    // A queue that was never created takes no job: the transaction that wrote the record is rolled back.
    const missing = names.shared(['never-created']);
    const refused = await storage
      .createWith(entry, {}, (sql) => queue.send({ id: randomUUID(), queue: missing, data: {} }, sql))
      .then(() => undefined, (error: unknown) => error);
    expect(isGenieError(refused, 'STORE_IO')).toBe(true);
    expect(await storage.get(entry.sessionId)).toBeUndefined();

    // The same for a resume: the record keeps what it said before.
    const kept = await storage.create(sampleEntry({ status: 'completed', name: 'kept' }));
    const failed = await storage
      .updateWith(kept.sessionId, (current) => ({ ...current, status: 'queued' }), (sql) => queue.send({ id: randomUUID(), queue: missing, data: {} }, sql))
      .then(() => undefined, (error: unknown) => error);
    expect(isGenieError(failed, 'STORE_IO')).toBe(true);
    expect((await storage.get(kept.sessionId))?.status).toBe('completed');
  });

  it('hands each job to one of many fetchers at once', async () => {
    const storage = opened(openPostgresStorage(url, { project: 'once' }));
    const sender = opened(new TurnQueue(url));
    const name = new TurnQueueNames('once').shared([]);
    await sender.ensureQueue(name);
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      const id = randomUUID();
      ids.push(id);
      await storage.createWith(sampleEntry({ status: 'queued' }), {}, (sql) => sender.send({ id, queue: name, data: { index } }, sql));
    }
    const fetchers = [0, 1, 2].map(() => opened(new TurnQueue(url)));
    const taken: string[] = [];
    for (let round = 0; round < 20 && taken.length < ids.length; round += 1) {
      const batches = await Promise.all(fetchers.map((fetcher) => fetcher.fetch(name, 4)));
      taken.push(...batches.flat().map((job) => job.id));
    }
    expect(taken.sort()).toEqual([...ids].sort());
  });

  it('names queues per project, per label set and per host', () => {
    const names = new TurnQueueNames('example.com/team/app');
    expect(names.shared(['gpu', 'linux'])).toBe(names.shared(['linux', 'gpu', 'gpu']));
    expect(names.shared([])).not.toBe(new TurnQueueNames('example.com/team/other').shared([]));
    expect(names.host('a/b')).not.toBe(names.host('a%2Fb'));
    expect(names.forWorker('host-1', ['linux', 'gpu'])).toEqual([
      names.host('host-1'),
      names.shared(['gpu', 'linux']),
      names.shared(['gpu']),
      names.shared(['linux']),
      names.shared([]),
    ]);
  });
});

describe('the worker registry', () => {
  it('knows a host has a live worker while it renews its row, by the database clock', async () => {
    const registry = opened(openWorkerRegistry(url, 'registry'));
    const worker = { workerId: 'w-1', host: 'host-a', labels: ['gpu'], concurrency: 2, pid: process.pid };
    expect(await registry.hasLiveWorker('host-a', 60_000)).toBe(false);
    await registry.heartbeat(worker);
    expect(await registry.hasLiveWorker('host-a', 60_000)).toBe(true);
    expect(await registry.hasLiveWorker('host-b', 60_000)).toBe(false);
    expect(await openWorkerRegistryIn('other-project').hasLiveWorker('host-a', 60_000)).toBe(false);
    // A row not renewed within the bound is a worker gone.
    await queryDatabase(url, "UPDATE genie_workers SET heartbeat_at = now() - interval '5 seconds' WHERE worker_id = 'w-1'");
    expect(await registry.hasLiveWorker('host-a', 4_000)).toBe(false);
    expect(await registry.hasLiveWorker('host-a', 6_000)).toBe(true);
    await registry.heartbeat(worker);
    expect(await registry.hasLiveWorker('host-a', 4_000)).toBe(true);
    await registry.remove('w-1');
    expect(await registry.hasLiveWorker('host-a', 60_000)).toBe(false);
  });

  it('forgets the rows of workers gone for long, keeping the others', async () => {
    const registry = opened(openWorkerRegistry(url, 'stale'));
    await registry.heartbeat({ workerId: 'old', host: 'host-old', labels: [], concurrency: 1, pid: 1 });
    await registry.heartbeat({ workerId: 'new', host: 'host-new', labels: [], concurrency: 1, pid: 2 });
    await queryDatabase(url, "UPDATE genie_workers SET heartbeat_at = now() - interval '2 days' WHERE project = 'stale' AND worker_id = 'old'");
    await registry.forgetStale(24 * 60 * 60 * 1000);
    const rows = await queryDatabase<{ worker_id: string }>(url, "SELECT worker_id FROM genie_workers WHERE project = 'stale'");
    expect(rows).toEqual([{ worker_id: 'new' }]);
  });
});

function openWorkerRegistryIn(project: string): ReturnType<typeof openWorkerRegistry> {
  return opened(openWorkerRegistry(url, project));
}
