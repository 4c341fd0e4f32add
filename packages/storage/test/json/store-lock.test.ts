import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isGenieError } from '@genie/errors';
import { openJsonStorage } from '../../src/index';
import { runFixture, startFixture } from '../helpers/child-process';
import { incarnationProbe } from '../helpers/incarnation-probe';
import { tempDir } from '../helpers/temp-dir';

async function storeWithOneSession(): Promise<{ file: string; lockDir: string }> {
  const file = join(tempDir('lock'), 'sessions.json');
  const storage = openJsonStorage(file);
  await storage.create({ sessionId: 's1', agent: 'a', name: 'one' });
  await storage.close();
  return { file, lockDir: `${file}.lock` };
}

function plantLock(lockDir: string, owner: Record<string, unknown>, ageMs = 0): void {
  mkdirSync(lockDir);
  writeFileSync(join(lockDir, 'owner.json'), JSON.stringify({ acquiredAt: new Date().toISOString(), ...owner }));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    utimesSync(lockDir, then, then);
  }
}

async function deadPid(): Promise<number> {
  const child = startFixture('idle.js', []);
  await child.waitForLine('ready');
  const pid = child.child.pid as number;
  child.child.kill('SIGKILL');
  await child.exited;
  return pid;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the json store lock', () => {
  it('never steals the lock of a live holder: a second writer waits, then sees its change', async () => {
    const { file } = await storeWithOneSession();
    const holder = startFixture('hold-lock.js', [file, 's1', '1500']);
    await holder.waitForLine('locked');
    const storage = openJsonStorage(file, { lockTimeoutMs: 60_000 });
    let seenByWaiter: unknown;
    await storage.update('s1', (current) => {
      seenByWaiter = current.heldBy;
      return { ...current, after: true };
    });
    const result = await holder.exited;
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('released');
    expect(seenByWaiter).toBe(holder.child.pid);
    expect(await storage.get('s1')).toMatchObject({ heldBy: holder.child.pid, after: true });
  });

  it('gives up with LOCK_TIMEOUT naming the holder and the lock when a live holder keeps it', async () => {
    const { file, lockDir } = await storeWithOneSession();
    const holder = startFixture('hold-lock.js', [file, 's1', '3000']);
    await holder.waitForLine('locked');
    const error = await caught(openJsonStorage(file, { lockTimeoutMs: 200 }).update('s1', (current) => current));
    expect(isGenieError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain(`process ${holder.child.pid}`);
    expect((error as Error).message).toContain(lockDir);
    expect((await holder.exited).code).toBe(0);
  });

  it('reclaims the lock of a holder that was killed while holding it', async () => {
    const { file, lockDir } = await storeWithOneSession();
    const holder = startFixture('hold-lock.js', [file, 's1', '60000']);
    await holder.waitForLine('locked');
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(lockDir)).toBe(true);
    const storage = openJsonStorage(file, { lockTimeoutMs: 5_000 });
    await storage.update('s1', (current) => ({ ...current, reclaimed: true }));
    expect(await storage.get('s1')).toMatchObject({ reclaimed: true });
    expect(existsSync(lockDir)).toBe(false);
  });

  it('reclaims the lock of a dead holder even when a reclaimer was killed mid-reclaim, long before its mutex would have gone stale', async () => {
    const { file, lockDir } = await storeWithOneSession();
    plantLock(lockDir, { pid: await deadPid(), host: hostname() });
    // What a reclaimer SIGKILLed while it held the reclaim mutex leaves: a fresh mutex nobody will release.
    mkdirSync(`${lockDir}.reclaim`);
    const storage = openJsonStorage(file, { lockTimeoutMs: 6_000 });
    await storage.update('s1', (current) => ({ ...current, reclaimed: true }));
    expect(await storage.get('s1')).toMatchObject({ reclaimed: true });
  });

  it('reclaims a lock whose pid is alive but, says the process probe, belongs to another process (pid reuse)', async () => {
    const { file, lockDir } = await storeWithOneSession();
    plantLock(lockDir, { pid: process.pid, startTime: 'a-start-time-this-pid-never-had', host: hostname() });
    await openJsonStorage(file, { lockTimeoutMs: 5_000, processProbe: incarnationProbe }).update('s1', (current) => ({ ...current, reused: true }));
    expect(existsSync(lockDir)).toBe(false);
  });

  it("records the probe's start time of the holder in the lock", async () => {
    const { file, lockDir } = await storeWithOneSession();
    const storage = openJsonStorage(file, { processProbe: incarnationProbe });
    let owner: unknown;
    await storage.update('s1', (current) => {
      owner = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'));
      return current;
    });
    expect(owner).toMatchObject({ pid: process.pid, startTime: `incarnation-of-${process.pid}`, host: hostname() });
  });

  it('keeps waiting for a planted lock whose pid and start time match a live process', async () => {
    const { file, lockDir } = await storeWithOneSession();
    const live = startFixture('idle.js', []);
    await live.waitForLine('ready');
    const pid = live.child.pid as number;
    plantLock(lockDir, { pid, startTime: incarnationProbe.startTime(pid), host: hostname() });
    const error = await caught(openJsonStorage(file, { lockTimeoutMs: 300, processProbe: incarnationProbe }).update('s1', (current) => current));
    expect(isGenieError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect(existsSync(join(lockDir, 'owner.json'))).toBe(true);
    live.child.kill('SIGKILL');
  });

  it('judges a lock of another host by its age only', async () => {
    const { file, lockDir } = await storeWithOneSession();
    plantLock(lockDir, { pid: await deadPid(), startTime: null, host: 'another-machine' });
    const error = await caught(openJsonStorage(file, { lockTimeoutMs: 300 }).update('s1', (current) => current));
    expect(isGenieError(error, 'LOCK_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain('another-machine');

    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockDir, longAgo, longAgo);
    await openJsonStorage(file, { lockTimeoutMs: 5_000 }).update('s1', (current) => ({ ...current, foreignReclaimed: true }));
    expect(existsSync(lockDir)).toBe(false);
  });

  it('treats an empty lock directory as free and an old ownerless one as abandoned', async () => {
    const { file, lockDir } = await storeWithOneSession();
    mkdirSync(lockDir);
    await openJsonStorage(file, { lockTimeoutMs: 5_000 }).update('s1', (current) => ({ ...current, step: 1 }));
    expect(existsSync(lockDir)).toBe(false);

    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'junk'), '');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockDir, longAgo, longAgo);
    await openJsonStorage(file, { lockTimeoutMs: 5_000 }).update('s1', (current) => ({ ...current, step: 2 }));
    expect(await openJsonStorage(file).get('s1')).toMatchObject({ step: 2 });
  });

  it('sweeps the staging directories of acquirers that died, when it reclaims', async () => {
    const { file, lockDir } = await storeWithOneSession();
    const pid = await deadPid();
    const staging = `${lockDir}.${pid}.abcdef.acquiring`;
    plantLock(staging, { pid, startTime: null, host: hostname() });
    plantLock(lockDir, { pid, startTime: null, host: hostname() });
    await openJsonStorage(file, { lockTimeoutMs: 5_000 }).update('s1', (current) => current);
    expect(existsSync(staging)).toBe(false);
  });

  it('lets many writers of one process queue without losing updates', async () => {
    const { file } = await storeWithOneSession();
    const first = openJsonStorage(file);
    const second = openJsonStorage(file);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? first : second).update('s1', (current) => ({ ...current, turns: (current.turns ?? 0) + 1 })),
      ),
    );
    expect((await openJsonStorage(file).get('s1'))?.turns).toBe(40);
    expect((await runFixture('create-and-update.js', [file, 's2', '3'])).code).toBe(0);
  });
});
