import { GenieError } from '@genie/errors';
import { closeOpenTurn } from '../event-log/close-open-turn';
import { eventLogPath } from '../event-log/event-log-path';
import type { SessionEntry } from '@genie/session-schema';
import { hasProcFs } from '../process/proc-stat';
import { isProcessAlive } from '../process/process-identity';
import { readProcessMarkers } from '../process/session-marker';
import type { SessionProcessRoots } from '../process/session-processes';
import { terminateTurn } from '../process/terminate-turn';
import { graceOf, hostOf, leaseOf } from '../launch/context-defaults';
import type { LaunchContext } from '../launch/launch-context';
import { isActiveStatus, isStopping } from '../launch/session-busy';
import { stopOnOwningHost, type RemoteStopOptions } from './stop-on-owning-host';
import { stoppedTurnAsLastSeen } from './stopped-turn';

export interface StopOptions extends RemoteStopOptions {
  /** How long to wait after SIGTERM before SIGKILL; default the context's graceMs (5 s). The owning host's own setting applies to a turn of another host. */
  graceMs?: number;
}

/**
 * Stops a session's turn: records the intent (`stopped`, and `stopping` until the turn's
 * processes are gone, which keeps the session busy for resumes) first, so a supervisor
 * whose executor dies from the signal keeps that status, then SIGTERMs the executor's
 * group, the supervisor, the turn's cgroup and every process carrying the turn's marker,
 * and SIGKILLs what is left after the grace period. Afterwards no process of that turn is
 * alive; a later turn's processes are never touched.
 *
 * A session that is not running (completed, failed, lost, already stopped) keeps its
 * status: there is no turn to stop. Leftover processes of its last turn are still ended,
 * so stopping is always safe to repeat.
 *
 * A turn of another host of a team is stopped by that host's supervisor, asked through the
 * database (see stopOnOwningHost); in any other store it is refused (FOREIGN_HOST).
 */
export async function stopSession(ctx: LaunchContext, sessionId: string, options: StopOptions = {}): Promise<SessionEntry> {
  const host = hostOf(ctx);
  const entry = await ctx.storage.get(sessionId);
  if (!entry) {
    throw new GenieError('SESSION_NOT_FOUND', `Session ${sessionId} does not exist.`, {
      hint: 'List sessions with `genie list sessions` to find its id or name.',
      details: { sessionId },
    });
  }
  if (entry.host && entry.host !== host) {
    // A team store reaches the owning host's supervisor through the database; no other store can.
    const leaseMs = leaseOf(ctx);
    if (leaseMs !== undefined) return stopOnOwningHost(ctx, entry, leaseMs, options);
    throw new GenieError('FOREIGN_HOST', `Session ${entry.name ?? sessionId} runs on host ${entry.host}, not on ${host}.`, {
      hint: `Stop it from ${entry.host}; process ids mean nothing on another machine.`,
      details: { sessionId, host: entry.host },
    });
  }

  const wasActive = isActiveStatus(entry.status);
  let marked: SessionEntry | undefined;
  if (wasActive) {
    const stoppedAt = new Date().toISOString();
    marked = await ctx.storage.update(sessionId, (current) =>
      isActiveStatus(current.status) && current.turns === entry.turns
        ? { ...current, status: 'stopped', stoppedAt, error: null, stopping: true }
        : current,
    );
  }

  const result = await terminateTurn(
    {
      sessionId,
      turnId: entry.turnId ?? null,
      roots: wasActive ? sessionRoots(entry) : {},
      cgroup: entry.containment?.cgroup ?? null,
    },
    graceOf(ctx, options.graceMs),
  );
  const final = await ctx.storage.update(sessionId, (current) => {
    if (current.turns !== entry.turns) return current;
    const { stopping: _stopping, ...settled } = current;
    if (current.status === 'stopped' && !current.signal && result.signal) return { ...settled, signal: result.signal };
    return current.stopping === undefined ? current : settled;
  });
  if (final.turns !== entry.turns) {
    // A resume claimed the next turn once this one ended: the stop answers for the turn it stopped.
    return marked && isStopping(marked) && marked.turns === entry.turns ? stoppedTurnAsLastSeen(marked) : final;
  }
  if (wasActive && final.status === 'stopped' && typeof final.turns === 'number') {
    await closeOpenTurn(eventLogPath(ctx.logsDir, final.sessionId), { turn: final.turns, status: 'stopped', signal: final.signal ?? null, error: null });
  }
  return final;
}

/**
 * The detached supervisor and the executor group, when they are still the processes the
 * record names. A foreground runner (a CLI or server process running the turn in-process)
 * carries no session marker and is left alone: its turn ends `stopped` once its executor
 * is gone, and a server running other sessions must survive.
 */
function sessionRoots(entry: SessionEntry): SessionProcessRoots {
  const treeRoots: number[] = [];
  const groups: number[] = [];
  const runner = entry.runnerPid;
  if (typeof runner === 'number' && isProcessAlive(runner, entry.runnerStartTime) && belongsToTurn(runner, entry)) {
    treeRoots.push(runner);
  }
  const executor = entry.executorPid;
  if (typeof executor === 'number' && isProcessAlive(executor) && belongsToTurn(executor, entry)) {
    treeRoots.push(executor);
    groups.push(executor);
  }
  return { groups, treeRoots };
}

/** Guards against a reused pid: on Linux the process must carry the session's marker, and the turn's where it has one. */
function belongsToTurn(pid: number, entry: SessionEntry): boolean {
  if (!hasProcFs()) return true;
  const markers = readProcessMarkers(pid);
  if (markers.session !== entry.sessionId) return false;
  return !entry.turnId || markers.turn === undefined || markers.turn === entry.turnId;
}
