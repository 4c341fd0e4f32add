import { isGenieError } from '@genie/errors';
import { toSessionSummary } from '@genie/session-schema';
import { runStorageConformanceSuite } from '../../src/conformance';
import { openPostgresStorage } from '../../src/index';
import { SCHEMA_VERSION } from '../../src/postgres/postgres-schema';
import type { SessionStorage } from '../../src/session-storage';
import { sampleEntry } from '../../src/conformance/sample-entry';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';

let url: string;
let project = 0;

beforeAll(async () => {
  url = await createTestDatabase('conformance');
});

// Each test gets a project of its own in one database: projects are how one database keeps
// many workspaces apart, so the suite passing this way also shows they do not leak.
runStorageConformanceSuite(
  'postgres',
  () => {
    project += 1;
    return openPostgresStorage(url, { project: `conformance-${project}` });
  },
  { describe, it, beforeEach, afterEach },
);

describe('postgres storage', () => {
  const opened: SessionStorage[] = [];
  const open = (...args: Parameters<typeof openPostgresStorage>) => {
    const storage = openPostgresStorage(...args);
    opened.push(storage);
    return storage;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });

  it('keeps projects apart: the same id and name live in two projects of one database', async () => {
    const entry = sampleEntry({ name: 'same' });
    const first = open(url, { project: 'apart-a' });
    const second = open(url, { project: 'apart-b' });
    await first.create(entry);
    await second.create({ ...entry, status: 'completed' });
    expect((await first.get(entry.sessionId))?.status).toBe('running');
    expect((await second.findByName('same'))?.status).toBe('completed');
    expect(await first.list()).toHaveLength(1);
  });

  it('sees what another connection committed, at once', async () => {
    const writer = open(url, { project: 'shared' });
    const reader = open(url, { project: 'shared' });
    const entry = await writer.create(sampleEntry());
    expect(await reader.get(entry.sessionId)).toEqual(entry);
    await writer.update(entry.sessionId, (current) => ({ ...current, status: 'completed' }));
    expect((await reader.get(entry.sessionId))?.status).toBe('completed');
  });

  it('says where it is without the password', () => {
    const storage = open('postgres://genie:s3cret@db.example:5432/team', {});
    expect(storage.location).toBe('postgres://genie@db.example:5432/team');
    expect(storage.capabilities).toEqual({ crossProcess: true, persistent: true });
  });

  it('fails with STORE_IO naming the server when nothing listens there, and connects nothing until used', async () => {
    const storage = open('postgres://genie@127.0.0.1:1/none', {});
    const error = await storage.list().catch((caught: unknown) => caught);
    expect(isGenieError(error) && error.code).toBe('STORE_IO');
    expect((error as Error).message).toContain('127.0.0.1:1');
  });

  it('refuses a database migrated by a newer genie and leaves it alone', async () => {
    const newer = await createTestDatabase('newer');
    await open(newer, {}).list();
    await queryDatabase(newer, 'INSERT INTO genie_schema_migrations (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    const error = await open(newer, {}).list().catch((caught: unknown) => caught);
    expect(isGenieError(error) && error.code).toBe('STORE_VERSION_UNSUPPORTED');
    expect(await queryDatabase(newer, 'SELECT count(*)::int AS n FROM genie_schema_migrations')).toEqual([{ n: SCHEMA_VERSION + 1 }]);
  });

  it('lists sessions last written before the summary column existed, rendered from their records', async () => {
    const database = await createTestDatabase('summaries');
    const storage = open(database, {});
    const older = await storage.create(sampleEntry({ created: '2026-01-01T00:00:00.000Z', usage: { inputTokens: 3, costUsd: 0.25 } }));
    const newer = await storage.create(sampleEntry({ created: '2026-02-01T00:00:00.000Z' }));
    // What a row written by a genie before schema version 3 looks like.
    await queryDatabase(database, 'UPDATE genie_sessions SET summary = NULL WHERE session_id = $1', [older.sessionId]);
    expect(await storage.listSummaries()).toEqual([toSessionSummary(newer), toSessionSummary(older)]);
    await storage.update(older.sessionId, (current) => ({ ...current, status: 'completed' }));
    const [row] = await queryDatabase<{ summary: string }>(database, 'SELECT summary FROM genie_sessions WHERE session_id = $1', [older.sessionId]);
    expect(JSON.parse(row?.summary ?? 'null')).toEqual(toSessionSummary({ ...older, status: 'completed' }));
  });
});
