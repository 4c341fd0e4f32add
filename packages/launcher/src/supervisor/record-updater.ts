import type { SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import { isUnwritableDisk } from '../process/unwritable-disk';

export type RecordChange = (entry: SessionEntry) => SessionEntry;

/** How long a write waits for a full (or read-only) disk to take it before giving up. */
export const DISK_WAIT_MS = 10 * 60_000;
const DISK_RETRY_MS = 1_000;

/**
 * Serialises a turn's record changes and merges the ones queued while a write is in
 * flight into one store update, so a chatty agent costs a handful of writes per turn.
 * Changes apply only while the record still belongs to this turn: a later turn (after a
 * lost supervisor was resumed elsewhere) is never overwritten by a stale one. On a full
 * disk a write is retried every second for up to ten minutes (the supervisor stays alive,
 * so the session is not taken for lost meanwhile) rather than dropped.
 */
export class RecordUpdater {
  private pending: RecordChange[] = [];
  private running: Promise<void> | null = null;
  private latest: SessionEntry | undefined;
  /** The last store error, kept so the final write can report it. */
  lastError: unknown = null;

  constructor(
    private readonly storage: SessionStorage,
    private readonly sessionId: string,
    private readonly turn: number,
  ) {}

  queue(change: RecordChange): void {
    this.pending.push(change);
    this.running ??= this.drain();
  }

  /** Waits until every queued change is written; returns the record as last stored. */
  async flush(): Promise<SessionEntry | undefined> {
    while (this.running) await this.running;
    return this.latest;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const changes = this.pending;
      this.pending = [];
      await this.write(changes);
    }
    this.running = null;
  }

  private async write(changes: RecordChange[]): Promise<void> {
    const attempts = 3;
    const diskDeadline = Date.now() + DISK_WAIT_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.latest = await this.storage.update(this.sessionId, (current) =>
          current.turns === this.turn ? changes.reduce((entry, change) => change(entry), current) : current,
        );
        this.lastError = null;
        return;
      } catch (error) {
        this.lastError = error;
        const waitForDisk = isUnwritableDisk(error) && Date.now() < diskDeadline;
        if (!waitForDisk && attempt >= attempts) return;
        await new Promise((resolve) => setTimeout(resolve, waitForDisk ? DISK_RETRY_MS : 100 * attempt));
      }
    }
  }
}
