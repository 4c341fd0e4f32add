import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@genie/session-schema';
import { inspectJsonStore, migrateJsonStore, openJsonStorage } from '../../src/index';
import { FIXTURES } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

const V1_FIXTURE = join(FIXTURES, 'stores', 'v1-dirty.json');

function v1Store(): string {
  const file = join(tempDir('migration'), 'sessions.json');
  copyFileSync(V1_FIXTURE, file);
  return file;
}

describe('opening a version-1 store', () => {
  it('migrates it once, keeps the original as .v1.bak, and says so once', async () => {
    const file = v1Store();
    const warnings: string[] = [];
    const storage = openJsonStorage(file, { onWarning: (message) => warnings.push(message) });

    const sessions = await storage.list();
    await storage.get('abc-123');
    await storage.list();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Migrated ${file} from version 1 to 2 (3 sessions)`);
    expect(warnings[0]).toContain(`${file}.v1.bak`);
    expect(readFileSync(`${file}.v1.bak`).equals(readFileSync(V1_FIXTURE))).toBe(true);

    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(validate(onDisk)).toEqual([]);
    expect(sessions).toHaveLength(3);
    expect(await storage.get('abc-123')).toMatchObject({ agent: 'implementor', customTag: 'keep-me', preset: 'careful' });
    expect(sessions.find((session) => session.agent === 'qa')?.sessionId).toMatch(/^legacy-qa-/);
  });

  it('is idempotent: reopening finds version 2, the same ids and no warning', async () => {
    const file = v1Store();
    const first = (await openJsonStorage(file).list()).map((session) => session.sessionId);
    const bytesAfterFirst = readFileSync(file);
    const warnings: string[] = [];
    const again = (await openJsonStorage(file, { onWarning: (message) => warnings.push(message) }).list()).map(
      (session) => session.sessionId,
    );
    expect(again).toEqual(first);
    expect(warnings).toEqual([]);
    expect(readFileSync(file).equals(bytesAfterFirst)).toBe(true);
  });

  it('never overwrites an existing .v1.bak', async () => {
    const file = v1Store();
    await openJsonStorage(file).list();
    const keptOriginal = readFileSync(`${file}.v1.bak`);
    writeFileSync(file, JSON.stringify({ version: 1, agents: { other: { sessionId: 'zzz', agent: 'other' } } }));

    expect((await openJsonStorage(file).list()).map((session) => session.sessionId)).toEqual(['zzz']);
    expect(readFileSync(`${file}.v1.bak`).equals(keptOriginal)).toBe(true);
  });

  it('migrates once when several writers open the old file at the same time', async () => {
    const file = v1Store();
    const warnings: string[] = [];
    const storages = Array.from({ length: 4 }, () => openJsonStorage(file, { onWarning: (message) => warnings.push(message) }));
    await Promise.all(storages.map((storage, i) => storage.create({ sessionId: `new-${i}`, agent: 'a' })));
    expect(warnings).toHaveLength(1);
    expect(await openJsonStorage(file).list()).toHaveLength(7);
  });
});

describe('migrateJsonStore', () => {
  it('reports without writing in a dry run, then migrates', async () => {
    const file = v1Store();
    const original = readFileSync(file);
    expect(await inspectJsonStore(file)).toMatchObject({ healthy: true, version: 1, needsMigration: true, sessions: 3 });

    const dryRun = await migrateJsonStore(file, { dryRun: true });
    expect(dryRun).toMatchObject({ fromVersion: 1, toVersion: 2, migrated: true, sessions: 3, backupFile: `${file}.v1.bak` });
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(existsSync(`${file}.v1.bak`)).toBe(false);

    const done = await migrateJsonStore(file);
    expect(done).toMatchObject({ fromVersion: 1, migrated: true, sessions: 3 });
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
    expect(await migrateJsonStore(file)).toMatchObject({ fromVersion: 2, migrated: false, backupFile: null });
  });
});

describe('opening a version-2 file the predecessor wrote with one name twice', () => {
  it('renames the later holder once, keeps the original bytes, and says so', async () => {
    const file = join(tempDir('dupnames'), 'sessions.json');
    const twin = (id: string) => ({ sessionId: id, agent: 'implementor', name: 'implementor-2510171530' });
    writeFileSync(file, JSON.stringify({ version: 2, sessions: { a: twin('a'), b: twin('b') } }, null, 2));
    const original = readFileSync(file);
    const warnings: string[] = [];
    const storage = openJsonStorage(file, { onWarning: (message) => warnings.push(message) });

    expect((await storage.findByName('implementor-2510171530'))?.sessionId).toBe('a');
    expect((await storage.findByName('implementor-2510171530-2'))?.sessionId).toBe('b');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Repaired ${file}`);
    expect(readFileSync(`${file}.v2.bak`).equals(original)).toBe(true);
  });
});
