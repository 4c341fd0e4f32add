import { readFileSync } from 'node:fs';
import { readProcStat } from './proc-stat';

/**
 * Linux reports start times in clock ticks since boot; USER_HZ, the unit of every
 * `/proc/<pid>/stat` time, is 100 on every architecture Linux supports.
 */
const TICKS_PER_SECOND = 100;

let bootTimeMs: number | null | undefined;

function readBootTimeMs(): number | null {
  if (bootTimeMs === undefined) {
    try {
      const line = readFileSync('/proc/stat', 'utf8')
        .split('\n')
        .find((row) => row.startsWith('btime '));
      bootTimeMs = line ? Number(line.slice(6)) * 1000 : null;
    } catch {
      bootTimeMs = null;
    }
  }
  return bootTimeMs;
}

/**
 * When a process started, in milliseconds since the epoch (to the second: the boot time
 * is whole seconds); undefined where /proc cannot tell.
 */
export function processStartedAtMs(pid: number): number | undefined {
  const stat = readProcStat(pid);
  const boot = readBootTimeMs();
  if (!stat || boot === null) return undefined;
  const ticks = Number(stat.startTicks);
  return Number.isFinite(ticks) ? boot + (ticks / TICKS_PER_SECOND) * 1000 : undefined;
}
