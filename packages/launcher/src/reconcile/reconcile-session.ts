import { isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { TurnEndRecord } from '../event-log-record';
import { closeOpenTurn } from '../event-log/close-open-turn';
import { eventLogPath } from '../event-log/event-log-path';
import { graceOf, hostOf, leaseOf } from '../launch/context-defaults';
import type { LaunchContext } from '../launch/launch-context';
import { hasLiveRunner, isActiveStatus } from '../launch/session-busy';
import { terminateTurn } from '../process/terminate-turn';
import { isUnwritableDisk } from '../process/unwritable-disk';
import { readTurnEnd } from '../transcript/read-turn-end';
import { adoptTurnEnd } from './adopt-turn-end';

function needsReconcile(entry: SessionEntry, host: string, leaseMs: number | undefined): boolean {
  if (!isActiveStatus(entry.status)) return false;
  return !hasLiveRunner(entry, host, leaseMs);
}

function lostError(entry: SessionEntry, host: string): string {
  if (entry.host && entry.host !== host) {
    return (
      `Its host ${entry.host} stopped renewing the turn's lease (last renewed ${String(entry.heartbeatAt)}): the host is down, ` +
      'cut off, or its supervisor died, so the turn ended without a recorded outcome. Resume the session on that host to continue.'
    );
  }
  const who = typeof entry.runnerPid === 'number' ? `Its supervisor (pid ${entry.runnerPid}) is gone` : 'It never got a supervisor';
  return (
    `${who}, so the turn ended without a recorded outcome (the log keeps its output so far). ` +
    'Resume the session to continue the conversation.'
  );
}

/** The recorded end of the record's current turn, when the log's last record is one. */
function loggedEnd(logsDir: string, entry: SessionEntry): TurnEndRecord | null {
  if (typeof entry.turns !== 'number') return null;
  try {
    return readTurnEnd(eventLogPath(logsDir, entry.sessionId), entry.turns);
  } catch {
    // An unreadable log proves nothing about the turn; the record is reconciled without it.
    return null;
  }
}

/**
 * A `starting`/`running` record whose supervisor is gone (dead, or its pid now belongs to
 * another process) is settled the first time anything reads it: when the event log ends
 * with that turn's `turn.end` (the supervisor finished, but the store lost its last write,
 * e.g. it was restored from its backup), the record takes the outcome the log recorded;
 * otherwise it becomes `lost`. Processes of the session left without a supervisor are
 * ended (SIGTERM, then SIGKILL after the grace period) before it returns. A record of
 * another host is settled only when its turn's lease ran out (team stores), and then only
 * the record: its log and processes are on that host. The check is repeated inside the
 * atomic update, so a turn that legitimately moved on is not clobbered.
 */
export async function reconcileSession(ctx: LaunchContext, entry: SessionEntry): Promise<SessionEntry> {
  const host = hostOf(ctx);
  const leaseMs = leaseOf(ctx);
  if (!needsReconcile(entry, host, leaseMs)) return entry;
  // A turn of another host whose lease ran out: its log and processes are on that host.
  const foreign = Boolean(entry.host && entry.host !== host);
  const ended = foreign ? null : loggedEnd(ctx.logsDir, entry);
  const settle = (current: SessionEntry): SessionEntry => {
    if (ended && ended.turn === current.turns) return adoptTurnEnd(current, ended);
    return { ...current, status: 'lost', error: lostError(current, host) };
  };
  let changed = false;
  let updated: SessionEntry;
  try {
    updated = await ctx.storage.update(entry.sessionId, (current) => {
      if (!needsReconcile(current, host, leaseMs)) return current;
      changed = true;
      return settle(current);
    });
  } catch (error) {
    // Deleted meanwhile: there is nothing left to reconcile.
    if (isGenieError(error, 'SESSION_NOT_FOUND')) return entry;
    // A full or read-only disk: answer what the record means now, and write it down on a
    // later read, once the disk takes writes again. Reads must not fail for want of space.
    if (isUnwritableDisk(error)) return settle(entry);
    throw error;
  }
  if (changed && !foreign) {
    if (updated.status === 'lost' && typeof updated.turns === 'number') {
      const closing = { turn: updated.turns, status: 'lost' as const, signal: null, error: updated.error ?? null };
      await closeOpenTurn(eventLogPath(ctx.logsDir, updated.sessionId), closing).catch((error: unknown) => {
        // The record says `lost` already; a view closes the turn in the log once it can be written.
        if (!isUnwritableDisk(error)) throw error;
      });
    }
    // Once the record is settled the session may be resumed: only the processes found now
    // are leftovers, so a new turn's processes are never taken for them.
    await terminateTurn(
      { sessionId: entry.sessionId, turnId: updated.turnId ?? null, cgroup: updated.containment?.cgroup ?? null },
      graceOf(ctx),
      { followNewcomers: false },
    );
  }
  return updated;
}

/** Reconciles every entry; sessions whose leftovers take their grace period to end do so side by side. */
export async function reconcileAll(ctx: LaunchContext, entries: readonly SessionEntry[]): Promise<SessionEntry[]> {
  return Promise.all(entries.map((entry) => reconcileSession(ctx, entry)));
}
