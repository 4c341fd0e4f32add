// Shared by tests that kill processes and check they are gone.
import fs from 'node:fs';

/**
 * Whether `pid` still runs: it exists and is neither a zombie nor dead (a killed child
 * lingers as a zombie until its parent reaps it, which is not the test's concern).
 */
export function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+[ZX]/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Waits, at most `timeoutMs`, until `pid` no longer runs, and says whether it is gone. A
 * SIGKILL ends a process when the kernel next schedules it, so a check right after the
 * kill can still find it on a loaded machine.
 */
export async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return !isRunning(pid);
}
