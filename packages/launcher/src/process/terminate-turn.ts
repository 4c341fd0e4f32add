import { cgroupMembers, killCgroup, removeCgroup } from '../containment/cgroup-v2';
import { isProcessAlive, processStartTime } from './process-identity';
import { findSessionProcesses, type SessionProcessRoots } from './session-processes';
import { signalProcesses } from './signal-processes';

export interface TerminateResult {
  /** The strongest signal that had to be sent; null when nothing was alive. */
  signal: NodeJS.Signals | null;
  /** Processes still alive afterwards (empty unless something survives SIGKILL, e.g. uninterruptible I/O). */
  survivors: number[];
}

/** The processes of one turn, however they are found. */
export interface TurnTarget {
  sessionId: string;
  /**
   * The turn's own marker: processes marked for another turn of the session are never
   * targets. Absent for records written before turns had one (then every process of the
   * session is).
   */
  turnId?: string | null;
  roots?: SessionProcessRoots;
  /** The turn's cgroup: every member is a target, however it detached; removed once empty. */
  cgroup?: string | null;
}

export interface TerminateOptions {
  /**
   * Keep finding processes of the turn while ending them (default), so children forked
   * meanwhile are ended too. False ends only the processes alive at the start: leftovers
   * of a finished turn.
   */
  followNewcomers?: boolean;
}

const POLL_MS = 50;
/** How long to keep re-killing after SIGKILL: a process forking while it is killed can leave a child behind. */
const KILL_SETTLE_MS = 3_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every process of one turn: SIGTERM to its groups (whose leaders the caller has
 * checked are alive) and every member found, then SIGKILL to whatever is still alive
 * after `graceMs` (the whole cgroup at once where it has one), repeated until nothing is
 * left. Processes seen once stay targets (checked by start time) even after they lose
 * the link that found them, e.g. a child without the marker whose parent died and left
 * it to init.
 */
export async function terminateTurn(target: TurnTarget, graceMs: number, options: TerminateOptions = {}): Promise<TerminateResult> {
  const roots = target.roots ?? {};
  const groupTargets = (roots.groups ?? []).filter((pid) => pid > 0).map((pid) => -pid);
  const known = new Map<number, string | null>();
  let firstScan = true;
  const scan = (): number[] => {
    if (firstScan || options.followNewcomers !== false) {
      const found = findSessionProcesses(target.sessionId, roots, target.turnId);
      if (target.cgroup) found.push(...cgroupMembers(target.cgroup));
      for (const pid of found) {
        if (pid !== process.pid && !known.has(pid)) known.set(pid, processStartTime(pid));
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
  const finish = (result: TerminateResult): TerminateResult => {
    if (target.cgroup && result.survivors.length === 0) removeCgroup(target.cgroup);
    return result;
  };

  let alive = scan();
  if (alive.length === 0) return finish({ signal: null, survivors: [] });
  // Groups are signalled once, while their leaders are known to be alive; afterwards
  // every member is addressed by pid (checked by start time), so a group id reused by an
  // unrelated process is never hit.
  signalProcesses([...groupTargets, ...alive], 'SIGTERM');
  const warned = new Set(alive);
  const graceEnds = Date.now() + graceMs;
  while (Date.now() < graceEnds) {
    await sleep(POLL_MS);
    alive = scan();
    if (alive.length === 0) return finish({ signal: 'SIGTERM', survivors: [] });
    // Children forked after the first SIGTERM deserve the same chance to exit cleanly.
    const newcomers = alive.filter((pid) => !warned.has(pid));
    for (const pid of newcomers) warned.add(pid);
    signalProcesses(newcomers, 'SIGTERM');
  }

  const killEnds = Date.now() + KILL_SETTLE_MS;
  do {
    // cgroup.kill reaches members forked between the scan and the signal, too.
    if (target.cgroup) killCgroup(target.cgroup);
    signalProcesses(alive, 'SIGKILL');
    await sleep(POLL_MS);
    alive = scan();
  } while (alive.length > 0 && Date.now() < killEnds);
  return finish({ signal: 'SIGKILL', survivors: alive });
}
