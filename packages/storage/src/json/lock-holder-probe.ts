import type { ProcessProbe } from '../registry/storage-adapter';

function isValidPid(pid: number): boolean {
  return Number.isInteger(pid) && pid > 0;
}

/**
 * The check a lock uses when its opener gave none: `kill(pid, 0)` tells a live pid from a
 * dead one, but not a reused pid from the holder (the launcher's probe, which core and the
 * supervisor pass in, tells those apart too).
 */
export const signalZeroProbe: ProcessProbe = {
  startTime: () => null,
  isAlive(pid) {
    if (!isValidPid(pid)) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
