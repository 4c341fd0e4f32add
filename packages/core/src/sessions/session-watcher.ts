import { ACTIVE_STATUSES, type SessionEntry } from '@genie/session-schema';
import {
  EventLogTail,
  eventLogPath,
  logSize,
  reconcileSession,
  turnStartOffset,
  type EventLogRecord,
  type LaunchContext,
  type TranscriptEvent,
} from '@genie/launcher';
import { logReadError } from './log-read-error';
import { createRecordRenderer, type RecordRenderer } from './render-records';

/** How often a running session's record and log are looked at again. */
export const WATCH_INTERVAL_MS = 150;

/**
 * In a team, a follower wakes on each change of the session (LISTEN/NOTIFY); this bounds
 * the wait anyway, so a turn whose host died is found out (and reconciled) by reading.
 */
export const TEAM_WATCH_MAX_MS = 2_000;

/** Where watching starts: every logged event, the current turn's first event, or only new events. */
export type WatchStart = 'log' | 'turn' | 'now';

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
  private readonly tail: EventLogTail;
  private readonly render: RecordRenderer;
  private first = true;

  constructor(
    private readonly launch: LaunchContext,
    private entry: SessionEntry,
    from: WatchStart,
    /** Brings the log up to date before each read (a team's local copy of another host's log). */
    private readonly refreshLog?: () => Promise<unknown>,
  ) {
    const log = eventLogPath(launch.logsDir, entry.sessionId);
    try {
      this.tail = EventLogTail.at(log, startOffset(log, entry, from));
    } catch (error) {
      throw logReadError(error, log, entry);
    }
    this.render = createRecordRenderer(entry);
  }

  async step(): Promise<WatchStep> {
    if (!this.first) this.entry = await this.reload();
    this.first = false;
    const active = isActive(this.entry);
    await this.refreshLog?.();
    const records = this.readNew();
    const events = records.flatMap((record) => this.render(record));
    const caughtUp = this.tail.caughtUp;
    return { events, entry: this.entry, ended: !active && caughtUp };
  }

  private readNew(): EventLogRecord[] {
    try {
      return this.tail.readNew();
    } catch (error) {
      throw logReadError(error, this.tail.file, this.entry);
    }
  }

  private async reload(): Promise<SessionEntry> {
    const current = await this.launch.storage.get(this.entry.sessionId);
    return current ? reconcileSession(this.launch, current) : { ...this.entry, status: 'lost' };
  }
}

function startOffset(log: string, entry: SessionEntry, from: WatchStart): number {
  if (from === 'log') return 0;
  if (from === 'now' || !isActive(entry)) return logSize(log);
  return turnStartOffset(log, entry.turns ?? 1);
}
