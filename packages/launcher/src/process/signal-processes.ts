/** Sends `signal` to each pid (and to each group, as a negative pid); gone processes are ignored. */
export function signalProcesses(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    if (pid === process.pid || pid === 0) continue;
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone, or not ours to signal: either way nothing more can be done here.
    }
  }
}
