import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGenieError } from '@genie/errors';
import { openStorage } from '../../src/index';
import { FIXTURES, startFixture } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

interface Outcome {
  driver: string | null;
  location?: string;
  warnings?: string[];
  error?: { code: string; message: string; hint: string };
}

function openWithoutDrivers(spec: object): Outcome {
  const result = spawnSync(process.execPath, ['-r', join(FIXTURES, 'without-better-sqlite3.js'), join(FIXTURES, 'open-and-create.js'), JSON.stringify(spec)], {
    encoding: 'utf8',
  });
  return JSON.parse(result.stdout) as Outcome;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a Node without any SQLite driver', () => {
  it('keeps a new workspace in the JSON file, says why and what to do, and the database imports it later', async () => {
    const dir = tempDir('no-driver');
    const spec = { kind: 'sqlite', file: join(dir, 'genie.db'), importFrom: join(dir, 'agents', 'sessions.json') };
    const outcome = openWithoutDrivers(spec);
    expect(outcome).toMatchObject({ driver: null, location: spec.importFrom });
    expect(outcome.warnings?.[0]).toContain('has no SQLite driver');
    expect(outcome.warnings?.[0]).toContain('Node 22.13');
    expect(existsSync(spec.file)).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(spec.importFrom, 'utf8')).sessions)).toHaveLength(1);

    const warnings: string[] = [];
    const storage = await openStorage(spec, { onWarning: (message) => warnings.push(message) });
    expect(await storage.list()).toHaveLength(1);
    expect(warnings[0]).toContain('Imported 1 sessions');
    await storage.close();
  });

  it('refuses a workspace that already has a database, saying what to install', async () => {
    const dir = tempDir('no-driver-db');
    const spec = { kind: 'sqlite', file: join(dir, 'genie.db'), importFrom: join(dir, 'agents', 'sessions.json') };
    const storage = await openStorage(spec);
    await storage.create({ sessionId: 'there', agent: 'a' });
    await storage.close();
    const outcome = openWithoutDrivers(spec);
    expect(outcome.error).toMatchObject({ code: 'STORE_IO' });
    expect(outcome.error?.message).toContain('cannot open SQLite databases');
    expect(outcome.error?.hint).toContain('Node 22.13');
    expect(existsSync(spec.importFrom)).toBe(false);
  });
});

describe('a SQLite store another process is writing', () => {
  it('waits for the writer, says after a second what it waits for, then commits', async () => {
    const file = join(tempDir('sqlite-wait'), 'genie.db');
    const storage = await openStorage({ kind: 'sqlite', file });
    await storage.create({ sessionId: 'first', agent: 'a' });
    const holder = startFixture('hold-sqlite-write.js', [file, '2500']);
    await holder.waitForLine('locked');
    const warnings: string[] = [];
    const waiting = await openStorage({ kind: 'sqlite', file }, { onWarning: (message) => warnings.push(message) });
    await waiting.create({ sessionId: 'after', agent: 'a' });
    expect((await holder.exited).stdout).toContain('released');
    expect(warnings).toEqual([`Waiting for the session database ${file}: another genie process is writing it.`]);
    expect((await storage.list()).map((entry) => entry.sessionId).sort()).toEqual(['after', 'first']);
    await Promise.all([storage.close(), waiting.close()]);
  });

  it('gives up with LOCK_TIMEOUT after its wait, changing nothing', async () => {
    const file = join(tempDir('sqlite-timeout'), 'genie.db');
    const storage = await openStorage({ kind: 'sqlite', file, lockTimeoutMs: 300 });
    await storage.create({ sessionId: 'first', agent: 'a' });
    const holder = startFixture('hold-sqlite-write.js', [file, '3000']);
    await holder.waitForLine('locked');
    const error = await caught(storage.update('first', (current) => ({ ...current, status: 'failed' })));
    expect(isGenieError(error, 'LOCK_TIMEOUT')).toBe(true);
    await holder.exited;
    expect((await storage.get('first'))?.status).toBeUndefined();
    await storage.close();
  });
});
