import { isProcessAlive, processStartTime } from './process-identity';
import { findSessionProcesses, type SessionProcessRoots } from './session-processes';
import { signalProcesses } from './signal-processes';

export interface TerminateResult {
  /** The strongest signal that had to be sent; null when nothing was alive. */
  signal: NodeJS.Signals | null;
  /** Processes still alive afterwards (empty unless something survives SIGKILL, e.g. uninterruptible I/O). */
  survivors: number[];
}

export interface TerminateOptions {
  /**
   * Keep finding processes of the session while ending them (default), so children forked
   * meanwhile are ended too. False ends only the processes alive at the start: leftovers
   * of a finished turn, while a new turn of the session may be starting.
   */
  followNewcomers?: boolean;
}

const POLL_MS = 50;
/** How long to keep re-killing after SIGKILL: a process forking while it is killed can leave a child behind. */
const KILL_SETTLE_MS = 3_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every process of a session: SIGTERM to its groups (whose leaders the caller has
 * checked are alive) and every member found, then
 * SIGKILL to whatever is still alive after `graceMs`, repeated until nothing is left.
 * Processes seen once stay targets (checked by start time) even after they lose the link
 * that found them, e.g. a child without the marker whose parent died and left it to init.
 */
export async function terminateSession(
  sessionId: string,
  roots: SessionProcessRoots,
  graceMs: number,
  options: TerminateOptions = {},
): Promise<TerminateResult> {
  const groupTargets = (roots.groups ?? []).filter((pid) => pid > 0).map((pid) => -pid);
  const known = new Map<number, string | null>();
  let firstScan = true;
  const scan = (): number[] => {
    if (firstScan || options.followNewcomers !== false) {
      for (const pid of findSessionProcesses(sessionId, roots)) {
        if (!known.has(pid)) known.set(pid, processStartTime(pid));
      }
    }
    firstScan = false;
    const alive: number[] = [];
    for (const [pid, startTime] of known) {
      if (isProcessAlive(pid, startTime)) alive.push(pid);
      else known.delete(pid);
    }
    return alive;
  };

  let alive = scan();
  if (alive.length === 0) return { signal: null, survivors: [] };
  // Groups are signalled once, while their leaders are known to be alive; afterwards
  // every member is addressed by pid (checked by start time), so a group id reused by an
  // unrelated process is never hit.
  signalProcesses([...groupTargets, ...alive], 'SIGTERM');
  const warned = new Set(alive);
  const graceEnds = Date.now() + graceMs;
  while (Date.now() < graceEnds) {
    await sleep(POLL_MS);
    alive = scan();
    if (alive.length === 0) return { signal: 'SIGTERM', survivors: [] };
    // Children forked after the first SIGTERM deserve the same chance to exit cleanly.
    const newcomers = alive.filter((pid) => !warned.has(pid));
    for (const pid of newcomers) warned.add(pid);
    signalProcesses(newcomers, 'SIGTERM');
  }

  const killEnds = Date.now() + KILL_SETTLE_MS;
  do {
    signalProcesses(alive, 'SIGKILL');
    await sleep(POLL_MS);
    alive = scan();
  } while (alive.length > 0 && Date.now() < killEnds);
  return { signal: 'SIGKILL', survivors: alive };
}
