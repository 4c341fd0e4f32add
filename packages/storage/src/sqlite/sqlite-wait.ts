import { GenieError } from '@genie/errors';
import { isBusy, storeError } from './sqlite-errors';

export interface WaitOptions {
  /** How long to wait for other writers before LOCK_TIMEOUT. */
  lockTimeoutMs: number;
  /** Told once per wait that lasts longer than a second, so a person sees what genie waits for. */
  onWait?: (message: string) => void;
  /** Checked before each attempt (a closed store stops retrying). */
  beforeAttempt?: () => void;
}

/** SQLite's own wait for a lock, inside the driver, before genie's wait (which lets the event loop run) takes over. */
export const DRIVER_BUSY_TIMEOUT_MS = 50;
const SHOW_WAIT_AFTER_MS = 1_000;
const MAX_BACKOFF_MS = 50;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function lockTimeout(location: string, waitedMs: number, timeoutMs: number): GenieError {
  return new GenieError('LOCK_TIMEOUT', `Waited ${waitedMs} ms for the session database ${location}: other genie processes kept it busy.`, {
    hint: 'Nothing was changed. Retry when the other genie commands finish; if one hangs, stop it.',
    details: { file: location, timeoutMs },
  });
}

/**
 * Runs `attempt` until no other connection holds the lock it needs. The wait happens here,
 * between attempts, so this process keeps running (a supervisor keeps reading its agent)
 * and a person sees, after a second, what genie waits for. Other errors become GenieErrors.
 */
export async function retryWhileBusy<T>(location: string, action: string, attempt: () => T, options: WaitOptions): Promise<T> {
  const started = Date.now();
  let shown = false;
  let backoffMs = 2;
  for (;;) {
    options.beforeAttempt?.();
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw storeError(action, location, error);
    }
    const waited = Date.now() - started;
    if (waited >= options.lockTimeoutMs) throw lockTimeout(location, waited, options.lockTimeoutMs);
    if (!shown && waited >= SHOW_WAIT_AFTER_MS) {
      shown = true;
      options.onWait?.(`Waiting for the session database ${location}: another genie process is writing it.`);
    }
    await sleep(backoffMs * (0.5 + Math.random()));
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}
