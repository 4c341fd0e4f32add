import { ACTIVE_STATUSES, type SessionEntry } from '@genie/session-schema';
import { reconcileSession, type LaunchContext, type TranscriptEvent } from '@genie/launcher';
import { EventLogTail } from './event-log-tail';
import { createRecordRenderer, type RecordRenderer } from './render-records';

export interface WatchStep {
  events: TranscriptEvent[];
  entry: SessionEntry;
  /** The turn is over and every event it logged has been returned. */
  ended: boolean;
}

function isActive(entry: SessionEntry): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(entry.status ?? '');
}

/**
 * Follows one session: each step re-reads (and reconciles) its record, then returns the
 * events logged since the previous step. The record is read before the log, so once it
 * says the turn is over the log read after it holds everything the turn wrote.
 */
export class SessionWatcher {
  private readonly tail: EventLogTail | null;
  private readonly render: RecordRenderer;
  private first = true;

  constructor(
    private readonly launch: LaunchContext,
    private entry: SessionEntry,
    options: { fromEnd: boolean },
  ) {
    const log = entry.logFile?.endsWith('.jsonl') ? entry.logFile : null;
    this.tail = log ? EventLogTail.open(log, options.fromEnd) : null;
    this.render = createRecordRenderer(entry);
  }

  async step(): Promise<WatchStep> {
    if (!this.first) this.entry = await this.reload();
    this.first = false;
    const active = isActive(this.entry);
    const records = this.tail ? this.tail.readNew() : [];
    const events = records.flatMap((record) => this.render(record));
    const caughtUp = this.tail ? this.tail.caughtUp : true;
    return { events, entry: this.entry, ended: !active && caughtUp };
  }

  private async reload(): Promise<SessionEntry> {
    const current = await this.launch.storage.get(this.entry.sessionId);
    return current ? reconcileSession(this.launch, current) : { ...this.entry, status: 'lost' };
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
