import { hasProcFs } from './proc-stat';
import { listProcesses } from './process-table';
import { readProcessMarkers, type ProcessMarkers } from './session-marker';

export interface SessionProcessRoots {
  /** Process groups owned by the session (the executor is spawned as a group leader). */
  groups?: readonly number[];
  /** Processes whose descendants belong to the session (supervisor, executor). */
  treeRoots?: readonly number[];
}

/**
 * Every live process that belongs to a session: those carrying its GENIE_SESSION_ID
 * marker, the members of its process groups, and the descendants of its roots (children
 * that scrubbed their environment). With `turnId`, only that turn's processes: one marked
 * for another turn of the session is as foreign as one of another session (a nested genie
 * run), and its subtree is left alone. The calling process is never included.
 */
export function findSessionProcesses(sessionId: string, roots: SessionProcessRoots = {}, turnId?: string | null): number[] {
  const table = listProcesses();
  const markers = new Map<number, ProcessMarkers>();
  const markersOf = (pid: number): ProcessMarkers => {
    if (!hasProcFs()) return {};
    let found = markers.get(pid);
    if (!found) {
      found = readProcessMarkers(pid);
      markers.set(pid, found);
    }
    return found;
  };
  const foreign = (pid: number): boolean => {
    const marker = markersOf(pid);
    if (marker.session !== undefined && marker.session !== sessionId) return true;
    return typeof turnId === 'string' && marker.turn !== undefined && marker.turn !== turnId;
  };
  const marked = (pid: number): boolean => markersOf(pid).session === sessionId && !foreign(pid);

  const groups = new Set(roots.groups ?? []);
  const found = new Set<number>();
  for (const proc of table) {
    if (marked(proc.pid) || (groups.has(proc.pgid) && !foreign(proc.pid))) found.add(proc.pid);
  }

  const children = new Map<number, number[]>();
  for (const proc of table) {
    const siblings = children.get(proc.ppid);
    if (siblings) siblings.push(proc.pid);
    else children.set(proc.ppid, [proc.pid]);
  }
  const visited = new Set<number>();
  const alive = new Set(table.map((proc) => proc.pid));
  const queue = (roots.treeRoots ?? []).filter((pid) => alive.has(pid) && !foreign(pid));
  for (const pid of queue) found.add(pid);
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    if (visited.has(pid)) continue;
    visited.add(pid);
    for (const child of children.get(pid) ?? []) {
      if (foreign(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }

  found.delete(process.pid);
  return [...found].sort((a, b) => a - b);
}
