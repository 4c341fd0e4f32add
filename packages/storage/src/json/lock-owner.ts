import { readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import type { ProcessProbe } from '../registry/storage-adapter';

/**
 * How long a lock of ANOTHER host (a shared or network directory) may stand before it is
 * presumed abandoned. Pids of another machine mean nothing here, so age is the only signal;
 * genie holds the lock for milliseconds, so a minute-old lock of another host is dead.
 */
export const FOREIGN_LOCK_STALE_MS = 60_000;

export const OWNER_FILE = 'owner.json';

/** Who holds the lock: enough to tell it from a later process that reuses its pid. */
export interface LockOwner {
  pid: number;
  /** The probe's start-time token; null where it has none (then the pid alone decides). */
  startTime: string | null;
  host: string;
  acquiredAt: string;
}

/** What a look at the lock directory found. */
export type LockHolder =
  | { kind: 'free' }
  | { kind: 'owner'; owner: LockOwner; mtimeMs: number }
  /** A lock directory without a readable owner: only outside meddling or an OS crash leave one. */
  | { kind: 'unknown'; mtimeMs: number };

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return {
      pid: value.pid,
      startTime: typeof value.startTime === 'string' ? value.startTime : null,
      host: value.host,
      acquiredAt: typeof value.acquiredAt === 'string' ? value.acquiredAt : '',
    };
  } catch {
    return null;
  }
}

/**
 * Synchronous on purpose: waiters look at the lock many times a second, and a few tiny
 * syscalls cost far less than the thread-pool round trips of their async forms.
 */
export function readLockHolder(lockDir: string): LockHolder {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(lockDir).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'free' };
    throw error;
  }
  try {
    const owner = parseOwner(readFileSync(join(lockDir, OWNER_FILE), 'utf8'));
    return owner ? { kind: 'owner', owner, mtimeMs } : { kind: 'unknown', mtimeMs };
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  // An empty lock directory is free: the next acquirer's rename replaces it.
  try {
    return readdirSync(lockDir).length === 0 ? { kind: 'free' } : { kind: 'unknown', mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'free' };
    if (errorCode(error) === 'ENOTDIR') return { kind: 'unknown', mtimeMs };
    throw error;
  }
}

function olderThanBoot(mtimeMs: number): boolean {
  return mtimeMs < Date.now() - uptime() * 1000;
}

/** Whether the holder can never release the lock itself, so a reclaimer may remove it. */
export function isAbandoned(holder: LockHolder, probe: ProcessProbe): boolean {
  switch (holder.kind) {
    case 'free':
      return false;
    case 'unknown':
      return olderThanBoot(holder.mtimeMs) || Date.now() - holder.mtimeMs > FOREIGN_LOCK_STALE_MS;
    case 'owner':
      if (holder.owner.host !== hostname()) return Date.now() - holder.mtimeMs > FOREIGN_LOCK_STALE_MS;
      return !probe.isAlive(holder.owner.pid, holder.owner.startTime);
  }
}

export function sameHolder(a: LockHolder, b: LockHolder): boolean {
  if (a.kind === 'owner' && b.kind === 'owner') {
    return (
      a.owner.pid === b.owner.pid &&
      a.owner.startTime === b.owner.startTime &&
      a.owner.host === b.owner.host &&
      a.owner.acquiredAt === b.owner.acquiredAt
    );
  }
  if (a.kind === 'unknown' && b.kind === 'unknown') return a.mtimeMs === b.mtimeMs;
  return false;
}

export function describeHolder(holder: LockHolder): string {
  if (holder.kind === 'owner') {
    return `process ${holder.owner.pid} on host ${holder.owner.host}${holder.owner.acquiredAt ? ` (since ${holder.owner.acquiredAt})` : ''}`;
  }
  return holder.kind === 'unknown' ? 'an unknown holder (the lock has no readable owner.json)' : 'nobody';
}
