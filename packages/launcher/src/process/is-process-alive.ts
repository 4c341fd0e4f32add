import { HAS_PROC, readProcStat } from './proc-stat';
import { processStartTime } from './process-start-time';

/**
 * True when `pid` is a live process (a zombie is dead: it only waits to be reaped).
 * With `startTime`, the process must also be the same incarnation that token was taken
 * from, so a pid reused by an unrelated process does not count as alive.
 */
export function isProcessAlive(pid: number | null | undefined, startTime?: string | null): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (HAS_PROC) {
    const stat = readProcStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  }
  if (startTime) return processStartTime(pid) === startTime;
  return true;
}
