import { startPostgresCluster, type PostgresCluster } from '../../../../tooling/postgres-cluster';
import { openPostgresStorage, type SessionStorage } from '../../src/index';
import { sampleEntry } from '../../src/conformance/sample-entry';

const WRITERS = 6;
const UPDATES = 40;

describe('postgres storage while the server restarts', () => {
  let cluster: PostgresCluster;
  const opened: SessionStorage[] = [];

  beforeAll(async () => {
    // A cluster of this file's own: restarting the shared one would cut the other test files.
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()));
    cluster.destroy();
  });

  it('completes every write of writers that were busy when it restarted, each once', async () => {
    const storage = openPostgresStorage(cluster.url, { project: 'restart', poolSize: WRITERS });
    opened.push(storage);
    const entries = await Promise.all(Array.from({ length: WRITERS }, () => storage.create(sampleEntry({ counter: 0 }))));
    let restarted = false;
    const writers = entries.map(async (entry) => {
      for (let step = 0; step < UPDATES; step += 1) {
        await storage.update(entry.sessionId, (current) => ({ ...current, counter: (current.counter as number) + 1 }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    // Restart in the middle of the writes: a "fast" stop ends every connection at once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    cluster.restart('fast');
    restarted = true;
    await Promise.all(writers);
    expect(restarted).toBe(true);
    for (const entry of entries) expect((await storage.get(entry.sessionId))?.counter).toBe(UPDATES);
  });

  it('fails with STORE_IO, naming the server, when it stays away longer than the reconnect bound', async () => {
    const storage = openPostgresStorage(cluster.url, { project: 'gone', reconnectMs: 1_000 });
    opened.push(storage);
    await storage.list();
    cluster.stop('fast');
    try {
      const error = await storage.list().catch((caught: unknown) => caught);
      expect((error as { code?: string }).code).toBe('STORE_IO');
      expect((error as Error).message).toContain(String(cluster.port));
    } finally {
      cluster.start();
    }
  });

  it('reports a server missing at the first connection at once, unless told to wait for it', async () => {
    cluster.stop('fast');
    let restarted = false;
    try {
      const refusing = openPostgresStorage(cluster.url, { project: 'first' });
      opened.push(refusing);
      const error = await refusing.list().catch((caught: unknown) => caught);
      expect((error as { code?: string }).code).toBe('STORE_IO');

      const waiting = openPostgresStorage(cluster.url, { project: 'first', waitForServer: true });
      opened.push(waiting);
      const listing = waiting.list();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      cluster.start();
      restarted = true;
      expect(await listing).toEqual([]);
    } finally {
      if (!restarted) cluster.start();
    }
  });
});
