import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cgroup v2 directory this process belongs to, where turn cgroups are created as its
 * children: the cgroup2 mount (unified or hybrid layout) joined with the `0::` line of
 * /proc/self/cgroup. Undefined where there is no cgroup v2 (not Linux, v1 only).
 */
export function ownCgroupDir(): string | undefined {
  let mountinfo: string;
  let membership: string;
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
    membership = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return undefined;
  }
  const line = membership.split('\n').find((entry) => entry.startsWith('0::'));
  if (!line) return undefined;
  const own = line.slice(3).trim();
  for (const mount of mountinfo.split('\n')) {
    // `id parent major:minor root mountpoint options ... - fstype source superoptions`
    const [left, right] = mount.split(' - ');
    if (!left || !right || !right.startsWith('cgroup2 ')) continue;
    const fields = left.split(' ');
    const root = fields[3];
    const mountPoint = fields[4];
    if (!root || !mountPoint) continue;
    const relative = root === '/' ? own : own.startsWith(`${root}/`) || own === root ? own.slice(root.length) : undefined;
    if (relative === undefined) continue;
    const dir = join(unescapeMountPath(mountPoint), relative).replace(/(.)\/$/, '$1');
    if (existsSync(join(dir, 'cgroup.procs'))) return dir;
  }
  return undefined;
}

/** mountinfo escapes spaces and a few other bytes as octal (`\040`). */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Creates the cgroup of one turn under `parent`; throws when this process may not. */
export function createTurnCgroup(parent: string, turnId: string): string {
  const dir = join(parent, `genie-${turnId}`);
  mkdirSync(dir);
  return dir;
}

/** A turn cgroup younger than this may still be waiting for its agent to move in. */
const SETTLING_MS = 60_000;

/**
 * Removes the empty turn cgroups under `parent` that nobody removed: their turn's
 * processes were ended by other means than genie (a reboot of the agent, a kill by
 * hand), or their supervisor died before it could. Ones that still hold a process stay.
 */
export function sweepEmptyTurnCgroups(parent: string, nowMs = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith('genie-'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    try {
      if (nowMs - statSync(dir).mtimeMs < SETTLING_MS || cgroupMembers(dir).length > 0) continue;
    } catch {
      continue;
    }
    removeCgroup(dir);
  }
}

/** Whether `cgroup.kill` (Linux 5.14+) can end a cgroup's processes in one write. */
export function canKillCgroup(dir: string): boolean {
  return existsSync(join(dir, 'cgroup.kill'));
}

/** Every process in the cgroup and its child cgroups (an agent may make some); empty once it is gone. */
export function cgroupMembers(dir: string): number[] {
  const pids: number[] = [];
  const visit = (current: string): void => {
    let procs: string;
    try {
      procs = readFileSync(join(current, 'cgroup.procs'), 'utf8');
    } catch {
      return;
    }
    for (const line of procs.split('\n')) if (line) pids.push(Number(line));
    for (const child of childCgroups(current)) visit(child);
  };
  visit(dir);
  return pids;
}

/** SIGKILLs every process in the cgroup and its descendants; false where the kernel has no `cgroup.kill`. */
export function killCgroup(dir: string): boolean {
  try {
    writeFileSync(join(dir, 'cgroup.kill'), '1');
    return true;
  } catch {
    return false;
  }
}

/** Removes an empty turn cgroup (children first); one that still holds processes, or is gone, stays as it is. */
export function removeCgroup(dir: string): boolean {
  for (const child of childCgroups(dir)) removeCgroup(child);
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function childCgroups(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(dir, entry.name));
  } catch {
    return [];
  }
}
