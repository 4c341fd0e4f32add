import { execFileSync } from 'node:child_process';
import { HAS_PROC, readProcStat } from './proc-stat';

/**
 * An opaque token identifying one incarnation of a pid: the same pid reused by another
 * process gets a different token. Undefined when the process does not exist.
 */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (HAS_PROC) {
    const stat = readProcStat(pid);
    return stat ? `linux:${stat.startTicks}` : undefined;
  }
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return started ? `ps:${started}` : undefined;
  } catch {
    return undefined;
  }
}
