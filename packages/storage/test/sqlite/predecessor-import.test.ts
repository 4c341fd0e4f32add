import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGenieError } from '@genie/errors';
import { openStorage, storageAdapter, type SqliteStorageSpec } from '../../src/index';
import { FIXTURES } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

const V1_DIRTY = join(FIXTURES, 'stores', 'v1-dirty.json');
const V2_EXTRA = join(FIXTURES, 'stores', 'v2-extra-fields.json');

function workspaceWith(fixture: string | null): SqliteStorageSpec {
  const dir = tempDir('import');
  const importFrom = join(dir, 'agents', 'sessions.json');
  mkdirSync(join(dir, 'agents'), { recursive: true });
  if (fixture) copyFileSync(fixture, importFrom);
  return { kind: 'sqlite', file: join(dir, 'genie.db'), importFrom };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a new SQLite store imports the predecessor sessions.json', () => {
  it('imports a dirty V1 file through the V1->V2 migration, says so once, and leaves the file untouched', async () => {
    const spec = workspaceWith(V1_DIRTY);
    const before = readFileSync(spec.importFrom as string);
    const warnings: string[] = [];
    const storage = await openStorage(spec, { onWarning: (message) => warnings.push(message) });
    const sessions = await storage.list();
    expect(sessions).toHaveLength(3);
    expect(await storage.get('abc-123')).toMatchObject({ agent: 'implementor', customTag: 'keep-me', preset: 'careful' });
    expect(sessions.find((session) => session.agent === 'qa')?.sessionId).toMatch(/^legacy-qa-/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Imported 3 sessions from ${spec.importFrom} (version 1) into ${spec.file}`);
    expect(warnings[0]).toContain('kept untouched');
    await storage.close();
    expect(readFileSync(spec.importFrom as string).equals(before)).toBe(true);

    const again: string[] = [];
    const reopened = await openStorage(spec, { onWarning: (message) => again.push(message) });
    expect((await reopened.list()).map((session) => session.sessionId).sort()).toEqual(sessions.map((session) => session.sessionId).sort());
    expect(again).toEqual([]);
    await reopened.close();
  });

  it('imports a V2 file with fields it does not know, and later writes go to the database only', async () => {
    const spec = workspaceWith(V2_EXTRA);
    const before = readFileSync(spec.importFrom as string);
    const original = JSON.parse(before.toString('utf8')) as { sessions: Record<string, Record<string, unknown>> };
    const storage = await openStorage(spec);
    for (const [id, record] of Object.entries(original.sessions)) expect(await storage.get(id)).toEqual(record);
    const [first] = Object.keys(original.sessions);
    await storage.update(first as string, (current) => ({ ...current, status: 'completed' }));
    await storage.close();
    expect(readFileSync(spec.importFrom as string).equals(before)).toBe(true);
  });

  it('imports exactly once when many connections open the new store at the same moment', async () => {
    const spec = workspaceWith(V1_DIRTY);
    const opened = await Promise.all(Array.from({ length: 8 }, () => openStorage(spec)));
    const counts = await Promise.all(opened.map(async (storage) => (await storage.list()).length));
    expect(counts).toEqual(Array(8).fill(3));
    await Promise.all(opened.map((storage) => storage.close()));
  });

  it('refuses a damaged file, importing nothing, and imports it once it is fixed', async () => {
    const spec = workspaceWith(V2_EXTRA);
    const good = readFileSync(spec.importFrom as string);
    writeFileSync(spec.importFrom as string, '{"version":2,"sessions":{');
    const storage = await openStorage(spec);
    const error = await caught(storage.list());
    expect(isGenieError(error, 'STORE_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain('cannot be imported');
    expect(await caught(storage.create({ sessionId: 'new', agent: 'a' }))).toMatchObject({ code: 'STORE_CORRUPT' });
    writeFileSync(spec.importFrom as string, good);
    expect((await storage.list()).length).toBeGreaterThan(0);
    await storage.close();
  });

  it('imports every good session of a V2 file, names each badly typed one in the notice, and keeps the file untouched', async () => {
    const spec = workspaceWith(null);
    const sessions = {
      'good-1': { sessionId: 'good-1', agent: 'prompt', name: 'prompt-2510171720', status: 'completed' },
      'bad-1': { sessionId: 'bad-1', agent: 'implementor', name: 'implementor-2510171530', status: 'failed', runnerPid: '48211' },
      'good-2': { sessionId: 'good-2', agent: 'qa', name: 'qa-2510171531', status: 'stopped' },
    };
    writeFileSync(spec.importFrom as string, JSON.stringify({ version: 2, sessions }, null, 2));
    const before = readFileSync(spec.importFrom as string);
    const warnings: string[] = [];
    const storage = await openStorage(spec, { onWarning: (message) => warnings.push(message) });
    expect((await storage.list()).map((session) => session.sessionId).sort()).toEqual(['good-1', 'good-2']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Imported 2 sessions from ${spec.importFrom}`);
    expect(warnings[0]).toContain(`Skipped 1 session that ${spec.importFrom} records wrongly; it stays there untouched`);
    expect(warnings[0]).toContain('session "bad-1" (name "implementor-2510171530", agent "implementor") skipped: runnerPid: must be integer or null');
    await storage.close();
    expect(readFileSync(spec.importFrom as string).equals(before)).toBe(true);

    const migrate = storageAdapter('sqlite').maintenance?.migrate;
    const other = workspaceWith(null);
    writeFileSync(other.importFrom as string, before);
    const report = await migrate?.(other, { dryRun: true });
    expect(report).toMatchObject({ migrated: true, sessions: 2 });
    expect(report?.warnings).toContainEqual(expect.stringContaining('session "bad-1"'));
  });

  it('refuses, importing nothing, a file none of whose sessions can be read', async () => {
    const spec = workspaceWith(null);
    writeFileSync(spec.importFrom as string, JSON.stringify({ version: 2, sessions: { b: { sessionId: 'b', agent: 'a', runnerPid: 'x' } } }));
    const storage = await openStorage(spec);
    expect(await caught(storage.list())).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('runnerPid') });
    await storage.close();
  });

  it("skips the entries the predecessor's own V1->V2 conversion made of leaked settings, and no real session", async () => {
    const spec = workspaceWith(null);
    const real = {
      '4d4c76a7-e58a-487a-b66f-7ff408dafb37': { sessionId: '4d4c76a7-e58a-487a-b66f-7ff408dafb37', agent: 'prompt', status: 'completed' },
      'legacy-qa-1760715012003': { agent: 'qa', sessionId: 'legacy-qa-1760715012003', created: '2025-10-11T10:00:00.000Z', status: 'stopped' },
    };
    const leftovers = {
      'legacy-version-1760715012000': { agent: 'version', sessionId: 'legacy-version-1760715012000' },
      'legacy-executor-1760715012001': { 0: 'c', 1: 'o', 2: 'd', 3: 'e', 4: 'x', agent: 'executor', sessionId: 'legacy-executor-1760715012001' },
    };
    writeFileSync(spec.importFrom as string, JSON.stringify({ version: 2, sessions: { ...leftovers, ...real } }, null, 2));
    const warnings: string[] = [];
    const storage = await openStorage(spec, { onWarning: (message) => warnings.push(message) });
    expect((await storage.list()).map((session) => session.sessionId).sort()).toEqual(Object.keys(real).sort());
    expect(warnings[0]).toContain('Imported 2 sessions');
    expect(warnings[0]).toContain('session "legacy-version-1760715012000" skipped: the predecessor made it of its "version" setting, not a session');
    expect(warnings[0]).toContain('session "legacy-executor-1760715012001" skipped');
    await storage.close();
  });

  it('explains why an imported session that recorded no outcome shows as lost', async () => {
    const spec = workspaceWith(null);
    const sessions = {
      none: { sessionId: 'none', agent: 'qa', created: '2025-10-17T15:30:40.000Z' },
      pending: { sessionId: 'pending', agent: 'qa', status: 'pending' },
      failed: { sessionId: 'failed', agent: 'qa', status: 'failed', error: 'codex exited with code 1' },
      done: { sessionId: 'done', agent: 'qa', status: 'completed' },
    };
    writeFileSync(spec.importFrom as string, JSON.stringify({ version: 2, sessions }));
    const storage = await openStorage(spec);
    const byId = new Map((await storage.listSummaries()).map((summary) => [summary.sessionId, summary]));
    expect(byId.get('none')).toMatchObject({ status: 'lost', error: 'The predecessor recorded no outcome for this session, so how it ended is unknown.' });
    expect(byId.get('pending')).toMatchObject({ status: 'lost', error: expect.stringContaining('recorded the status "pending"') });
    expect(byId.get('failed')).toMatchObject({ status: 'failed', error: 'codex exited with code 1' });
    expect(byId.get('done')).toMatchObject({ status: 'completed', error: null });
    expect(await storage.get('pending')).toMatchObject({ status: 'pending' });
    await storage.close();
  });

  it('refuses a file of a newer version with STORE_VERSION_UNSUPPORTED', async () => {
    const spec = workspaceWith(null);
    writeFileSync(spec.importFrom as string, JSON.stringify({ version: 99, sessions: {} }));
    const error = await caught((await openStorage(spec)).list());
    expect(isGenieError(error, 'STORE_VERSION_UNSUPPORTED')).toBe(true);
  });

  it('creates nothing for a read in a workspace with neither a database nor a file to import', async () => {
    const spec = workspaceWith(null);
    const storage = await openStorage(spec);
    expect(await storage.list()).toEqual([]);
    expect(await storage.get('x')).toBeUndefined();
    expect(existsSync(spec.file)).toBe(false);
    await storage.create({ sessionId: 'first', agent: 'a' });
    expect(existsSync(spec.file)).toBe(true);
    await storage.close();
  });

  it('shows the import with a dry run, then does it', async () => {
    const spec = workspaceWith(V1_DIRTY);
    const migrate = storageAdapter('sqlite').maintenance?.migrate;
    expect(await migrate?.(spec, { dryRun: true })).toMatchObject({ source: spec.importFrom, fromVersion: 1, migrated: true, sessions: 3 });
    expect(existsSync(spec.file)).toBe(false);
    expect(await migrate?.(spec, { dryRun: false })).toMatchObject({ migrated: true, sessions: 3 });
    expect(await migrate?.(spec, { dryRun: false })).toMatchObject({ migrated: false, source: null, sessions: 3 });
  });
});
