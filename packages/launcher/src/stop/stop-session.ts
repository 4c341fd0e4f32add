import { GenieError } from '@genie/errors';
import { closeOpenTurn } from '../event-log/close-open-turn';
import type { SessionEntry } from '@genie/session-schema';
import { hasProcFs } from '../process/proc-stat';
import { isProcessAlive } from '../process/process-identity';
import { readSessionMarker } from '../process/session-marker';
import type { SessionProcessRoots } from '../process/session-processes';
import { terminateSession } from '../process/terminate-session';
import { graceOf, hostOf } from '../launch/context-defaults';
import type { LaunchContext } from '../launch/launch-context';
import { isActiveStatus } from '../launch/session-busy';

export interface StopOptions {
  /** How long to wait after SIGTERM before SIGKILL; default the context's graceMs (5 s). */
  graceMs?: number;
}

/**
 * Stops a session: records the intent (`stopped`) first, so a supervisor whose executor
 * dies from the signal keeps that status, then SIGTERMs the executor's group, the
 * supervisor and every process carrying the session's marker, and SIGKILLs what is left
 * after the grace period. Afterwards no process of the session is alive.
 *
 * A session that is not running (completed, failed, lost, already stopped) keeps its
 * status: there is no turn to stop. Leftover processes of it are still ended, so stopping
 * is always safe to repeat.
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
    throw new GenieError('FOREIGN_HOST', `Session ${entry.name ?? sessionId} runs on host ${entry.host}, not on ${host}.`, {
      hint: `Stop it from ${entry.host}; process ids mean nothing on another machine.`,
      details: { sessionId, host: entry.host },
    });
  }

  const wasActive = isActiveStatus(entry.status);
  if (wasActive) {
    const stoppedAt = new Date().toISOString();
    await ctx.storage.update(sessionId, (current) =>
      isActiveStatus(current.status) ? { ...current, status: 'stopped', stoppedAt, error: null } : current,
    );
  }

  const result = await terminateSession(sessionId, wasActive ? sessionRoots(entry) : {}, graceOf(ctx, options.graceMs));
  const final = await ctx.storage.update(sessionId, (current) =>
    current.status === 'stopped' && current.turns === entry.turns && !current.signal && result.signal
      ? { ...current, signal: result.signal }
      : current,
  );
  if (wasActive && final.status === 'stopped' && typeof final.turns === 'number') {
    await closeOpenTurn(final.logFile, { turn: final.turns, status: 'stopped', signal: final.signal ?? null, error: null });
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
  if (typeof runner === 'number' && isProcessAlive(runner, entry.runnerStartTime) && belongsToSession(runner, entry.sessionId)) {
    treeRoots.push(runner);
  }
  const executor = entry.executorPid;
  if (typeof executor === 'number' && isProcessAlive(executor) && belongsToSession(executor, entry.sessionId)) {
    treeRoots.push(executor);
    groups.push(executor);
  }
  return { groups, treeRoots };
}

/** Guards against a reused executor pid: on Linux the process must carry the session's marker. */
function belongsToSession(pid: number, sessionId: string): boolean {
  return !hasProcFs() || readSessionMarker(pid) === sessionId;
}
