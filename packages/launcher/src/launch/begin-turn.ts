import { GenieError, isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { EventLogRecord } from '../event-log-record';
import { closeOpenTurn, type TurnClosing } from '../event-log/close-open-turn';
import { eventLogPath } from '../event-log/event-log-path';
import { getExecutor } from '../executors/registry';
import { terminateTurn } from '../process/terminate-turn';
import { instructionsPath, type TurnSpec } from '../supervisor/turn-spec';
import { lastLogRecord } from '../transcript/last-log-record';
import { turnEndOf } from '../transcript/read-turn-end';
import { graceOf, hangGuardOf, hostOf, leaseOf } from './context-defaults';
import type { LaunchContext, TurnPlan } from './launch-context';
import { hasLiveRunner, sessionBusyError } from './session-busy';

export interface Runner {
  pid: number;
  startTime: string | null;
}

/**
 * The fresh marker of a turn about to be launched; its processes carry it as GENIE_TURN_ID.
 * It only has to differ from the session's other turns, so time and a random suffix do
 * (node:crypto would cost every launch its load time).
 */
export function newTurnId(): string {
  return `${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface BegunTurn {
  entry: SessionEntry;
  spec: TurnSpec;
}

/**
 * In a team store, a session belongs to the host that ran it: Claude and Codex keep the
 * conversation in that host's files (and the turn's directory is that host's), so a resume
 * elsewhere would silently start a new conversation. It is refused, naming the host.
 */
function foreignHostError(entry: SessionEntry, host: string): GenieError {
  return new GenieError('FOREIGN_HOST', `Session ${entry.name ?? entry.sessionId} belongs to host ${entry.host}, not to ${host}.`, {
    hint: `Resume it on ${entry.host}, where its conversation and working directory are; or start a new session here.`,
    details: { sessionId: entry.sessionId, host: entry.host },
  });
}

/** The record says `queued` for this job, or the job's turn is not to run (stopped, or claimed already). */
function assertQueuedFor(entry: SessionEntry, jobId: string): void {
  if (entry.status === 'queued' && entry.queuedTurn?.jobId === jobId) return;
  throw new GenieError('SESSION_BUSY', `Session ${entry.name ?? entry.sessionId} is no longer queued for this turn (it is ${String(entry.status)}).`, {
    hint: 'Nothing to do: the turn was stopped before a worker took it, or another worker took it.',
    details: { sessionId: entry.sessionId, status: entry.status ?? null, jobId },
  });
}

const FINAL_OUTCOMES: ReadonlySet<string> = new Set(['completed', 'failed', 'stopped', 'lost']);

/** How the record says the previous turn ended; null when it says nothing final (a queued turn). */
function previousOutcome(before: SessionEntry): TurnClosing['status'] | null {
  const status = before.status;
  if (typeof status === 'string' && FINAL_OUTCOMES.has(status)) return status as TurnClosing['status'];
  // Claimed past a turn that never settled: nothing runs it any more.
  return status === 'starting' || status === 'running' ? 'lost' : null;
}

/**
 * Writes the previous turn's `turn.end` when the log lacks it (a crash cut it short, or
 * killed the writer after the record was settled), with the record's outcome, before the
 * new turn starts: otherwise the transcript would show that turn running forever. `last`
 * is the log's last record; in the usual case it is that turn's end and nothing more is
 * read. Best effort: a log that cannot be written now does not keep the new turn from starting.
 */
async function closePreviousTurn(logFile: string, before: SessionEntry, last: EventLogRecord | null): Promise<void> {
  const turn = before.turns ?? 0;
  const status = previousOutcome(before);
  if (turn < 1 || status === null || turnEndOf(last, turn)) return;
  await closeOpenTurn(logFile, { turn, status, signal: before.signal ?? null, error: before.error ?? null }).catch(() => false);
}

/** What a record says when its last turn may have processes left that no supervisor ends. */
function mayHaveOrphans(entry: SessionEntry): boolean {
  return entry.status === 'starting' || entry.status === 'running' || entry.status === 'lost' || entry.stopping === true;
}

/**
 * A turn whose supervisor died leaves its agent running until someone ends it. Whoever
 * settles the record `lost` ends those processes right after (reconcile-session.ts), but a
 * resume arriving meanwhile from another process, or after that process was itself killed,
 * would start a second agent on the same conversation. So a resume first ends what is left
 * of the previous turn (SIGTERM, SIGKILL after the grace period): nothing, in the usual case.
 * Only that turn's processes are targets, never those of a turn another process may be
 * starting now; another host's turn is left to that host.
 */
async function endOrphansOfPreviousTurn(ctx: LaunchContext, sessionId: string, host: string, leaseMs: number | undefined): Promise<void> {
  const current = await ctx.storage.get(sessionId);
  if (!current || typeof current.turnId !== 'string' || !mayHaveOrphans(current)) return;
  if ((current.host && current.host !== host) || hasLiveRunner(current, host, leaseMs)) return;
  await terminateTurn({ sessionId, turnId: current.turnId, cgroup: current.containment?.cgroup ?? null }, graceOf(ctx), { followNewcomers: false });
}

/** How a log that exists but cannot be used fails to open. */
const LOG_TAKEN: ReadonlySet<string> = new Set(['EISDIR', 'ELOOP', 'EACCES', 'EPERM']);

/**
 * The log's last record, read before the claim. A log that exists but cannot be read (a
 * directory or a symbolic link in its place, no permission) could not take the new turn's
 * output either: the turn is refused with what to do, and nothing is recorded.
 */
function lastRecordBeforeClaim(logFile: string, plan: TurnPlan): EventLogRecord | null {
  try {
    return lastLogRecord(logFile);
  } catch (error) {
    // Anything else (the logs directory itself unusable) is the turn's to record as failed.
    if (!isGenieError(error, 'STORE_IO') || !LOG_TAKEN.has(String(error.details.errno))) return null;
    throw new GenieError('STORE_IO', `${error.message.replace(/\.$/, '')}. No turn was started: its output could not be logged.`, {
      hint: error.hint ?? 'Make the event log a readable and writable file again.',
      details: { ...error.details, sessionId: plan.sessionId },
      cause: error.cause,
    });
  }
}

/**
 * Claims the session for a new turn in one atomic write (creating it when the plan says
 * so): refuses while another turn is live, then marks it `starting`. A turn continues the
 * conversation when an earlier one exists; for an executor whose CLI keeps the
 * conversation (`nativeConversations`) also only once the CLI reported its own id.
 */
export async function beginTurn(ctx: LaunchContext, plan: TurnPlan, turnId: string, runner?: Runner): Promise<BegunTurn> {
  const executor = getExecutor(plan.executor);
  const host = hostOf(ctx);
  const leaseMs = leaseOf(ctx);
  const logFile = eventLogPath(ctx.logsDir, plan.sessionId);
  // Read once, before the claim: nothing writes the log while no supervisor of the session
  // lives, and the claim refuses while one does.
  const lastRecord = plan.create ? null : lastRecordBeforeClaim(logFile, plan);
  // A record older than its log (a store restored from a backup) must not number the new
  // turn as one the log already holds: two turns of one number would merge in the transcript.
  const loggedTurns = lastRecord?.turn ?? 0;
  let previous: SessionEntry | undefined;

  const claim = (current: SessionEntry): SessionEntry => {
    const time = new Date().toISOString();
    const { stoppedAt: _stoppedAt, stopping: _stopping, queuedTurn: _queuedTurn, ...rest } = current;
    return {
      ...rest,
      status: 'starting',
      turns: Math.max(current.turns ?? 0, loggedTurns) + 1,
      lastPrompt: plan.prompt.slice(0, 200),
      lastUsed: time,
      startTime: time,
      host,
      cwd: plan.cwd,
      logFile,
      exitCode: null,
      signal: null,
      error: null,
      executorPid: null,
      turnId,
      containment: null,
      runnerPid: runner?.pid ?? null,
      runnerStartTime: runner?.startTime ?? null,
      ...(plan.background === undefined ? {} : { background: plan.background }),
      // A team turn holds its lease from the claim on; the supervisor renews it.
      ...(leaseMs === undefined ? {} : { heartbeatAt: time }),
    };
  };

  let entry: SessionEntry;
  if (plan.create) {
    previous = plan.create.entry;
    entry = await ctx.storage.create(claim(plan.create.entry), plan.create.options);
  } else {
    await endOrphansOfPreviousTurn(ctx, plan.sessionId, host, leaseMs);
    entry = await ctx.storage.update(plan.sessionId, (current) => {
      if (plan.queuedJob !== undefined) assertQueuedFor(current, plan.queuedJob);
      if (hasLiveRunner(current, host, leaseMs)) throw sessionBusyError(current, host);
      if (ctx.storageSpec.kind === 'postgres' && current.host && current.host !== host) throw foreignHostError(current, host);
      previous = current;
      return claim(current);
    });
  }

  const before = previous as SessionEntry;
  if (!plan.create) await closePreviousTurn(logFile, before, lastRecord);
  const executorSessionId = before.executorSessionId ?? null;
  const turn = entry.turns as number;
  const resume = (before.turns ?? 0) > 0 && (!executor.nativeConversations || executorSessionId !== null);
  const spec: TurnSpec = {
    version: 1,
    sessionId: plan.sessionId,
    turn,
    turnId,
    executor: plan.executor,
    ...(typeof entry.agent === 'string' ? { agent: entry.agent } : {}),
    ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
    prompt: plan.prompt,
    ...(plan.instructions ? { instructions: plan.instructions } : {}),
    settings: plan.settings,
    cwd: plan.cwd,
    resume,
    executorSessionId,
    storage: ctx.storageSpec,
    logFile,
    instructionsFile: instructionsPath(ctx.logsDir, plan.sessionId, turn),
    graceMs: graceOf(ctx),
    hangGuardMs: hangGuardOf(ctx),
    ...(leaseMs === undefined ? {} : { leaseMs }),
    ...(plan.hooks ? { hooks: plan.hooks } : {}),
  };
  return { entry, spec };
}
