import type { SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import type { EventLogWriter } from '../event-log/event-log-writer';
import type { EventLogRecord } from '../event-log-record';
import type { TranscriptEvent } from '../transcript/transcript-types';
import type { RecordUpdater } from './record-updater';
import type { TurnObservations } from './turn-observations';
import type { TurnSpec } from './turn-spec';

export type FinalStatus = 'completed' | 'failed' | 'stopped';

export interface TurnEnding {
  status: FinalStatus;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
}

export interface TurnEndContext {
  spec: TurnSpec;
  storage: SessionStorage;
  log: EventLogWriter;
  updater: RecordUpdater;
  seen: TurnObservations;
  /** This run was asked to stop the turn. */
  stopRequested: boolean;
}

/**
 * Records how a turn ended: a `turn.end` in the log and the final record, after every
 * queued record change. A stop wins over any other ending, whether it was asked of this
 * run or recorded in the store meanwhile. Returns the record as stored and the outcome
 * event to show; throws the store's error when the record could not be written.
 */
export async function recordTurnEnd(ctx: TurnEndContext, end: TurnEnding): Promise<{ entry: SessionEntry; outcome: TranscriptEvent }> {
  const { spec, seen, updater } = ctx;
  await updater.flush();
  const current = await ctx.storage.get(spec.sessionId).catch(() => undefined);
  const stoppedElsewhere = current?.turns === spec.turn && current.status === 'stopped';
  const status: FinalStatus = stoppedElsewhere || ctx.stopRequested ? 'stopped' : end.status;
  const error = status === 'stopped' ? null : end.error;
  const answer = seen.answer(status);
  const time = new Date().toISOString();

  ctx.log.append([
    {
      time,
      turn: spec.turn,
      stream: 'meta',
      type: 'turn.end',
      status,
      exitCode: end.exitCode,
      signal: end.signal,
      error,
      executorSessionId: seen.executorSessionId,
      ...(seen.usage ? { usage: seen.usage } : {}),
      answer,
    } satisfies EventLogRecord,
  ]);
  // Hosts that follow the turn from the team database stop reading once the record says it
  // ended: every line, this one included, must be there before the record says so.
  await ctx.log.mirrored();
  updater.queue((entry) => {
    const finalStatus = entry.status === 'stopped' ? 'stopped' : status;
    // The turn's processes are gone: a stop in progress no longer keeps the session busy.
    const { stopping: _stopping, ...rest } = entry;
    return {
      ...rest,
      status: finalStatus,
      exitCode: end.exitCode,
      signal: end.signal ?? (finalStatus === 'stopped' ? entry.signal ?? null : null),
      // A stop keeps what the record says of it; one found after the turn was given up for
      // lost (this host was cut off) replaces the lost turn's error.
      error: finalStatus === 'stopped' ? (entry.status === 'stopped' ? entry.error ?? null : null) : error,
      lastAnswer: answer ?? entry.lastAnswer ?? null,
      lastUsed: time,
    };
  });
  const stored = await updater.flush();
  if (updater.lastError) throw updater.lastError;
  const outcome: TranscriptEvent = {
    kind: 'outcome',
    turn: spec.turn,
    status: stored?.status === 'stopped' ? 'stopped' : status,
    exitCode: end.exitCode,
    signal: end.signal,
    error,
    answer,
    usage: seen.usage ?? null,
    time,
  };
  return { entry: stored as SessionEntry, outcome };
}
