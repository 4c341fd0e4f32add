import type { ProcessProbe } from '../../src/index';

/**
 * A probe whose start-time tokens name the pid, so a test can plant the lock of "this pid,
 * another incarnation". The launcher's real probe (from /proc) has its own tests.
 */
export const incarnationProbe: ProcessProbe = {
  startTime: (pid) => `incarnation-of-${pid}`,
  isAlive(pid, startTime) {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    return !startTime || startTime === `incarnation-of-${pid}`;
  },
};
