import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { statProcess, type ProcStat } from './proc-stat';

/** Who a process is: enough to tell it from a later process that reuses its pid. */
export interface ProcessIdentity {
  pid: number;
  /** Opaque start-time token; null where the platform cannot provide one (then pid alone decides). */
  startTime: string | null;
  host: string;
}

let bootId: string | null | undefined;

function readBootId(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

function startTimeToken(stat: ProcStat): string {
  const boot = readBootId();
  return boot ? `${boot}:${stat.startTicks}` : stat.startTicks;
}

/**
 * Records written by launcher 0.1 hold `linux:<start ticks>` tokens; they still name
 * the same process, so a session running across an upgrade is not taken for lost.
 */
function sameIncarnation(stat: ProcStat, token: string): boolean {
  return token === startTimeToken(stat) || token === `linux:${stat.startTicks}`;
}

function isValidPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0;
}

/** Start time as `ps` prints it, where there is no /proc (macOS). */
function psStartTime(pid: number): string | null {
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return started ? `ps:${started}` : null;
  } catch {
    return null;
  }
}

/**
 * An opaque token identifying one incarnation of a pid (Linux: boot id and field 22 of
 * /proc/<pid>/stat; elsewhere `ps` start time): the same pid reused by another process
 * gets a different token. Null when the process does not exist.
 */
export function processStartTime(pid: number): string | null {
  if (!isValidPid(pid)) return null;
  const stat = statProcess(pid);
  if (stat === 'gone') return null;
  return stat === 'unknown' ? psStartTime(pid) : startTimeToken(stat);
}

/**
 * True when `pid` is a live process (a zombie is dead: it only waits to be reaped).
 * With `startTime`, it must also be the incarnation that token was taken from, so a pid
 * reused by an unrelated process does not count as alive.
 */
export function isProcessAlive(pid: number | null | undefined, startTime?: string | null): boolean {
  if (!isValidPid(pid)) return false;
  const stat = statProcess(pid);
  if (stat === 'gone') return false;
  if (stat !== 'unknown') {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return !startTime || sameIncarnation(stat, startTime);
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A token /proc could not check here (unreadable entry) is not evidence of a reused pid.
  if (!startTime || !startTime.startsWith('ps:')) return true;
  return psStartTime(pid) === startTime;
}

let self: ProcessIdentity | undefined;

export function currentProcessIdentity(): ProcessIdentity {
  if (self?.pid !== process.pid) self = { pid: process.pid, startTime: processStartTime(process.pid), host: hostname() };
  return self;
}
