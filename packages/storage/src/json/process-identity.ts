import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock: enough to tell a live holder from a dead one, even when its pid is reused. */
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

interface ProcStat {
  state: string;
  startTicks: string;
}

let procAvailable: boolean | undefined;

/** Without a mounted /proc (macOS, some sandboxes) a missing entry proves nothing. */
function hasProc(): boolean {
  procAvailable ??= existsSync(`/proc/${process.pid}/stat`);
  return procAvailable;
}

function readProcStat(pid: number): ProcStat | null | 'unsupported' {
  if (!hasProc()) return 'unsupported';
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ESRCH' ? null : 'unsupported';
  }
  // The command name (field 2) may hold spaces and parentheses, so count fields after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return 'unsupported';
  return { state, startTicks };
}

/** Start-time token of a running process (Linux: boot id + field 22 of /proc/<pid>/stat). */
export function processStartTime(pid: number): string | null {
  const stat = readProcStat(pid);
  return stat === null || stat === 'unsupported' ? null : startTimeToken(stat);
}

function startTimeToken(stat: ProcStat): string {
  const boot = readBootId();
  return boot ? `${boot}:${stat.startTicks}` : stat.startTicks;
}

let self: ProcessIdentity | undefined;

export function currentProcessIdentity(): ProcessIdentity {
  if (self?.pid !== process.pid) self = { pid: process.pid, startTime: processStartTime(process.pid), host: hostname() };
  return self;
}

/**
 * Whether the process described by `owner` (on this host) still runs. A zombie counts as
 * dead, and a live pid whose start time differs is another process that reused the pid.
 */
export function isProcessAlive(owner: { pid: number; startTime: string | null }): boolean {
  const stat = readProcStat(owner.pid);
  if (stat === null) return false;
  if (stat !== 'unsupported') {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return owner.startTime === null || startTimeToken(stat) === owner.startTime;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
