import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { GenieError } from '@genie/errors';
import {
  describeHolder,
  FOREIGN_LOCK_STALE_MS,
  isAbandoned,
  OWNER_FILE,
  readLockHolder,
  sameHolder,
  type LockHolder,
  type LockOwner,
} from './lock-owner';
import type { ProcessProbe } from '../registry/storage-adapter';
import { signalZeroProbe } from './lock-holder-probe';
import { storeIoError } from './store-errors';

export interface HeldLock {
  release(): void;
}

const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 50;
/** A person is told what genie waits for once the wait outlasts this. */
const SHOW_WAIT_AFTER_MS = 1_000;
const ACQUIRING_SUFFIX = '.acquiring';
const DISCARDED_SUFFIX = '.discarded';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}


/**
 * Takes the exclusive lock `lockDir` (a directory). The owner file is written into a private
 * directory first and then renamed into place, so the lock never exists without its owner and
 * acquisition is one atomic rename. A dead holder on this host is reclaimed at once; a live one
 * is waited for (jittered backoff) until `timeoutMs`, then LOCK_TIMEOUT.
 */
export async function acquireStoreLock(
  lockDir: string,
  timeoutMs: number,
  probe: ProcessProbe = signalZeroProbe,
  onWait?: (message: string) => void,
): Promise<HeldLock> {
  const owner: LockOwner = { pid: process.pid, startTime: probe.startTime(process.pid), host: hostname(), acquiredAt: new Date().toISOString() };
  const stagingDir = uniqueSibling(lockDir, ACQUIRING_SUFFIX);
  // Taking and releasing the lock is synchronous, like the write it guards (see atomic-write.ts);
  // only the wait for another holder yields.
  try {
    mkdirSync(stagingDir);
    writeFileSync(join(stagingDir, OWNER_FILE), JSON.stringify(owner));
  } catch (error) {
    rmSync(stagingDir, { recursive: true, force: true });
    throw storeIoError('create the lock', lockDir, error);
  }

  const started = Date.now();
  const deadline = started + timeoutMs;
  let waitShown = false;
  let backoffMs = FIRST_BACKOFF_MS;
  let acquired = false;
  try {
    for (;;) {
      try {
        // Synchronous for the same reason as readLockHolder: it is retried many times a second.
        renameSync(stagingDir, lockDir);
        acquired = true;
        return { release: () => releaseStoreLock(lockDir) };
      } catch (error) {
        const code = errorCode(error);
        const held = code === 'ENOTEMPTY' || code === 'EEXIST' || (process.platform === 'win32' && code === 'EPERM');
        if (!held) {
          throw storeIoError('take the lock', lockDir, error);
        }
      }
      let holder: LockHolder;
      try {
        holder = readLockHolder(lockDir);
      } catch (error) {
        throw storeIoError('read the owner of the lock', lockDir, error);
      }
      // Freed between our rename and our look: try again at once (bounded, in case it never sticks).
      if (holder.kind === 'free' && Date.now() < deadline) continue;
      if (isAbandoned(holder, probe) && (await reclaimAbandonedLock(lockDir, holder, probe))) continue;
      if (Date.now() >= deadline) throw lockTimeout(lockDir, timeoutMs, holder);
      if (!waitShown && Date.now() - started >= SHOW_WAIT_AFTER_MS) {
        waitShown = true;
        onWait?.(`Waiting for the session store lock ${lockDir}, held by ${describeHolder(holder)}.`);
      }
      await sleep(backoffMs * (0.5 + Math.random()));
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
  } finally {
    if (!acquired) rmSync(stagingDir, { recursive: true, force: true });
  }
}

/**
 * An empty lock directory counts as free (the next acquirer's rename replaces it), so a
 * release interrupted between the two steps leaves nothing that blocks anyone.
 */
function removeLockDir(lockDir: string): void {
  try {
    unlinkSync(join(lockDir, OWNER_FILE));
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  try {
    rmdirSync(lockDir);
  } catch (error) {
    // ENOTEMPTY: another process already took the freed lock; it is theirs now.
    if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTEMPTY') throw error;
  }
}

function releaseStoreLock(lockDir: string): void {
  try {
    removeLockDir(lockDir);
  } catch (error) {
    throw storeIoError('release the lock', lockDir, error);
  }
}

/**
 * The name only has to differ from every other acquirer's (the pid already separates live
 * ones on this host), not be unguessable: Math.random spares every process that opens the
 * store loading node:crypto, which costs a short-lived command a few ms of start-up.
 */
function uniqueSibling(path: string, suffix: string): string {
  const random = Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
  return `${path}.${process.pid}.${random}${suffix}`;
}

/**
 * Moves an abandoned lock out of the way in one rename (whatever it holds), then deletes it.
 * Removing it piece by piece in place would briefly leave an empty directory that a new owner
 * could rename over, and the deletion could then take that owner's lock.
 */
function discardLockDir(lockDir: string): void {
  const discarded = uniqueSibling(lockDir, DISCARDED_SUFFIX);
  try {
    renameSync(lockDir, discarded);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  rmSync(discarded, { recursive: true, force: true });
}

/**
 * Reclaimers serialise on a second lock so that two of them cannot both judge the same dead
 * holder and then remove a lock that a third process took in between. True when the lock
 * was removed (or already gone), false when it should be waited for instead.
 */
async function reclaimAbandonedLock(lockDir: string, seen: LockHolder, probe: ProcessProbe): Promise<boolean> {
  let releaseMutex: () => Promise<void>;
  try {
    // Loaded only here: reclaiming is rare, and proper-lockfile (with graceful-fs) costs every
    // command that opens the store several ms of start-up.
    const { lock: lockReclaimMutex } = await import('proper-lockfile');
    releaseMutex = await lockReclaimMutex(lockDir, {
      lockfilePath: `${lockDir}.reclaim`,
      realpath: false,
      // The shortest proper-lockfile allows: a reclaimer killed while holding the mutex (it
      // records no pid to check) holds up the next one only this long.
      stale: 2_000,
      retries: { retries: 20, minTimeout: 5, maxTimeout: 50 },
      // Losing the mutex only matters to a reclaimer stalled for >2 s; its re-check below keeps it harmless.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') return false;
    throw storeIoError('take the reclaim lock for', lockDir, error);
  }
  try {
    const current = readLockHolder(lockDir);
    if (current.kind !== 'free') {
      if (!sameHolder(current, seen) || !isAbandoned(current, probe)) return false;
      discardLockDir(lockDir);
    }
    sweepAbandonedStaging(lockDir, probe);
    return true;
  } catch (error) {
    throw storeIoError('reclaim the abandoned lock', lockDir, error);
  } finally {
    await releaseMutex().catch(() => undefined);
  }
}

/** Staging directories of acquirers that died before renaming them into place, and discards a reclaimer left. */
function sweepAbandonedStaging(lockDir: string, probe: ProcessProbe): void {
  const prefix = `${basename(lockDir)}.`;
  const parent = dirname(lockDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const stagingDir = join(parent, name);
    if (name.endsWith(DISCARDED_SUFFIX)) {
      rmSync(stagingDir, { recursive: true, force: true });
      continue;
    }
    if (!name.endsWith(ACQUIRING_SUFFIX)) continue;
    const holder = readLockHolder(stagingDir);
    if (holder.kind !== 'free' && isAbandoned(holder, probe)) rmSync(stagingDir, { recursive: true, force: true });
  }
}

function lockTimeout(lockDir: string, timeoutMs: number, holder: LockHolder): GenieError {
  const foreign = holder.kind === 'owner' && holder.owner.host !== hostname();
  return new GenieError(
    'LOCK_TIMEOUT',
    `Waited ${timeoutMs} ms for the session store lock ${lockDir}, held by ${describeHolder(holder)}.`,
    {
      hint: foreign
        ? `The holder runs on another machine; its lock is presumed abandoned ${FOREIGN_LOCK_STALE_MS / 1000} s after it was taken. Retry then, or remove ${lockDir} if you are sure no genie command runs there.`
        : 'Another genie command is writing the session store. Retry when it finishes; if that process hangs, stop it (a lock left by a dead process is reclaimed automatically).',
      details: { lockDir, holder: holder.kind === 'owner' ? holder.owner : null, timeoutMs },
    },
  );
}
