import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGenieError, type ErrorCode } from '@genie/errors';
import type { SessionStorage } from '../../src/index';
import { inspectJsonStore, openJsonStorage, restoreJsonStoreBackup } from '../../src/index';
import { tempDir } from '../helpers/temp-dir';

const healthyStoreBytes = (): Buffer => {
  const file = join(tempDir('healthy'), 'sessions.json');
  writeFileSync(file, JSON.stringify({ version: 2, sessions: { s1: { sessionId: 's1', agent: 'a', name: 'one' } } }, null, 2));
  return readFileSync(file);
};

const CASES: Array<{ label: string; bytes: () => Buffer; code: ErrorCode; mentions: string }> = [
  { label: 'a truncated file', bytes: () => healthyStoreBytes().subarray(0, 40), code: 'STORE_CORRUPT', mentions: 'not valid JSON' },
  { label: 'garbage bytes', bytes: () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x80]), code: 'STORE_CORRUPT', mentions: 'not valid JSON' },
  { label: 'an empty file', bytes: () => Buffer.alloc(0), code: 'STORE_CORRUPT', mentions: 'empty' },
  {
    label: 'valid JSON of the wrong shape',
    bytes: () => Buffer.from('{"version": 2, "sessions": [{"sessionId": "a", "agent": "x"}]}'),
    code: 'STORE_CORRUPT',
    mentions: '/sessions',
  },
  { label: 'a JSON array', bytes: () => Buffer.from('[1, 2, 3]'), code: 'STORE_CORRUPT', mentions: 'object' },
  {
    label: 'a newer version',
    bytes: () => Buffer.from('{"version": 3, "sessions": {}, "shards": ["a.json"]}'),
    code: 'STORE_VERSION_UNSUPPORTED',
    mentions: 'version 3',
  },
];

const OPERATIONS: Array<[string, (storage: SessionStorage) => Promise<unknown>]> = [
  ['get', (storage) => storage.get('s1')],
  ['findByName', (storage) => storage.findByName('one')],
  ['list', (storage) => storage.list()],
  ['create', (storage) => storage.create({ sessionId: 'new', agent: 'a' })],
  ['update', (storage) => storage.update('s1', (current) => current)],
  ['delete', (storage) => storage.delete('s1')],
];

/** A store written twice through the adapter, so a `.bak` of the previous good version exists. */
async function storeWithBackup(): Promise<{ file: string; storage: SessionStorage }> {
  const file = join(tempDir('corrupt'), 'sessions.json');
  const storage = openJsonStorage(file);
  await storage.create({ sessionId: 's1', agent: 'a', name: 'one' });
  await storage.create({ sessionId: 's2', agent: 'a', name: 'two' });
  return { file, storage };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the operation succeeded on a damaged store');
    },
    (error: unknown) => error,
  );
}

describe.each(CASES)('json storage given $label', ({ bytes, code, mentions }) => {
  it.each(OPERATIONS)('%s fails with a clear error and leaves the bytes unchanged', async (_name, operation) => {
    const { file, storage } = await storeWithBackup();
    const damaged = bytes();
    writeFileSync(file, damaged);
    const backupBefore = readFileSync(`${file}.bak`);

    for (const opened of [storage, openJsonStorage(file)]) {
      const error = await failure(operation(opened));
      expect(isGenieError(error, code)).toBe(true);
      const text = (error as { describe(): string }).describe();
      expect(text).toContain(file);
      expect(text).toContain(mentions);
      expect(text).toContain(`${file}.bak`);
      if (code === 'STORE_VERSION_UNSUPPORTED') {
        // A newer genie wrote it: the way forward is an upgrade, and repair would downgrade.
        expect(text).toContain('Upgrade genie');
        expect(text).not.toContain('run `genie doctor --repair`');
      } else {
        expect(text).toContain('run `genie doctor --repair`');
      }
    }
    expect(readFileSync(file).equals(damaged)).toBe(true);
    expect(readFileSync(`${file}.bak`).equals(backupBefore)).toBe(true);
  });

  it('is reported by inspect and repaired from the backup, keeping the damaged bytes', async () => {
    const { file, storage } = await storeWithBackup();
    const damaged = bytes();
    writeFileSync(file, damaged);

    const inspection = await inspectJsonStore(file);
    expect(inspection).toMatchObject({ exists: true, healthy: false, backupFile: `${file}.bak`, backupHealthy: true });
    expect(inspection.problem).toContain(mentions);
    expect(readFileSync(file).equals(damaged)).toBe(true);

    const report = await restoreJsonStoreBackup(file);
    expect(report.sessions).toBe(1);
    expect(readFileSync(report.corruptCopy as string).equals(damaged)).toBe(true);
    expect((await storage.list()).map((session) => session.sessionId)).toEqual(['s1']);
    await storage.create({ sessionId: 's3', agent: 'a' });
    expect(await openJsonStorage(file).get('s3')).toBeDefined();
  });
});

describe('restoring a backup', () => {
  it('refuses when the store is healthy', async () => {
    const { file } = await storeWithBackup();
    const before = readFileSync(file);
    const error = await failure(restoreJsonStoreBackup(file));
    expect(isGenieError(error, 'INVALID_INPUT')).toBe(true);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses when the backup is damaged too, and changes neither file', async () => {
    const { file } = await storeWithBackup();
    writeFileSync(file, '{"version": 2, "sess');
    writeFileSync(`${file}.bak`, 'also broken');
    const error = await failure(restoreJsonStoreBackup(file));
    expect(isGenieError(error, 'STORE_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(`${file}.bak`);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 2, "sess');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('also broken');
  });

  it('says when there is no backup', async () => {
    const file = join(tempDir('nobak'), 'sessions.json');
    writeFileSync(file, 'garbage');
    const error = await failure(openJsonStorage(file).list());
    expect((error as { describe(): string }).describe()).toContain('No previous good version');
    expect(await inspectJsonStore(file)).toMatchObject({ healthy: false, backupFile: null, backupHealthy: null });
  });
});

describe('a missing file', () => {
  it('is an empty store, and the first write creates its directories', async () => {
    const file = join(tempDir('missing'), 'deep', 'er', 'sessions.json');
    const storage = openJsonStorage(file);
    expect(await storage.list()).toEqual([]);
    expect(await inspectJsonStore(file)).toMatchObject({ exists: false, healthy: true, sessions: 0 });
    await storage.create({ sessionId: 's1', agent: 'a' });
    expect(JSON.parse(readFileSync(file, 'utf8')).sessions.s1.agent).toBe('a');
  });
});
