import type { SessionStorage, StorageSpec } from '@genie/storage';
import { teamChangesFor } from '../lease/team-changes';
import { stopAskedOf } from './stop-request';

export interface StopWatchOptions {
  storage: SessionStorage;
  storageSpec: StorageSpec;
  sessionId: string;
  turn: number;
  /** Longest wait between looks when nothing is notified (the lease renewals look too). */
  intervalMs: number;
  /** Called once, when a stop of the turn is found. */
  onStop: () => void;
}

/** Reads are at least this far apart: a chatty agent notifies on every line it writes. */
const MIN_READ_GAP_MS = 200;

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * In the supervisor of a team turn: listens (LISTEN/NOTIFY) for changes of the session and
 * calls `onStop` as soon as a host, any host, has recorded a stop of this turn. Nothing is
 * watched for a store of one host, where `stop` signals the turn's processes itself. The
 * returned function stops listening and closes the connection.
 */
export function watchForStop(options: StopWatchOptions): () => Promise<void> {
  const changes = teamChangesFor(options.storageSpec, { waitForServer: true });
  if (!changes) return () => Promise.resolve();
  const { storage, sessionId, turn, intervalMs, onStop } = options;
  const ended = new AbortController();
  const watching = (async () => {
    while (!ended.signal.aborted) {
      const changed = await changes.waitForChange(sessionId, intervalMs, ended.signal).catch(() => true);
      if (!changed || ended.signal.aborted) continue;
      const entry = await storage.get(sessionId).catch(() => undefined);
      if (entry && stopAskedOf(entry, turn)) {
        onStop();
        return;
      }
      await pause(MIN_READ_GAP_MS, ended.signal);
    }
  })();
  return async () => {
    ended.abort();
    await watching;
    await changes.close().catch(() => undefined);
  };
}
