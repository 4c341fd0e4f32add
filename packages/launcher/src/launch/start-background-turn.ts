import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, parse as parsePath } from 'node:path';
import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import { storageAdapter } from '@genie/storage';
import { EventLogWriter } from '../event-log/event-log-writer';
import { turnStartRecord } from '../event-log/turn-start-record';
import { processStartTime } from '../process/process-identity';
import { getExecutor } from '../executors/registry';
import { SESSION_ENV_VAR, TURN_ENV_VAR } from '../process/session-marker';
import { launchProblem } from '../supervisor/launch-check';
import { superviseTurn } from '../supervisor/supervise-turn';
import { turnRequestOf, type TurnSpec } from '../supervisor/turn-spec';
import { beginTurn, newTurnId, type BegunTurn, type Runner } from './begin-turn';
import { envOf } from './context-defaults';
import type { LaunchContext, TurnPlan } from './launch-context';
import { supervisorMainPath } from './supervisor-location';

/**
 * A supervisor lives as long as its agent and mostly waits for output, so it trades
 * JIT speed for about 5 MB less resident memory per running session. Every node genie
 * supports has `--jitless`; another runtime standing in for node (its release is not
 * called `node`) gets no flags it may not know. (Asking node's flag set instead costs
 * ~0.5 ms of every launch.) A supervisor writing to PostgreSQL runs with the JIT: the
 * driver reaches node's built-in HTTP client, which needs WebAssembly, and `--jitless`
 * leaves node without it.
 */
function supervisorNodeFlags(storage: LaunchContext['storageSpec']): string[] {
  return process.release?.name === 'node' && storage.kind !== 'postgres' ? ['--jitless'] : [];
}

/**
 * Starts a turn under a detached supervisor and returns as soon as the record says
 * `starting` with the supervisor's pid; the caller never waits for the agent.
 *
 * The supervisor is spawned first and waits for its turn on stdin; the session is then
 * claimed with the supervisor's pid in one store write, and only a committed claim sends
 * the turn. So the record never says `starting` without the process that owns the turn
 * (whose death reconciliation turns into `lost`), and a claim that fails (a live turn, a
 * taken name) or a caller that dies first leaves a supervisor that reads end-of-file and
 * exits without doing anything. A turn that cannot start (missing binary, missing cwd,
 * unwritable logs) is recorded `failed` before returning.
 */
export async function startBackgroundTurn(ctx: LaunchContext, plan: TurnPlan): Promise<SessionEntry> {
  if (!ctx.storage.capabilities.crossProcess || !storageAdapter(ctx.storageSpec.kind).capabilities.crossProcess) {
    throw new GenieError('INVALID_INPUT', `A background turn needs a store shared between processes; the ${ctx.storageSpec.kind} store is not.`, {
      hint: 'Use a store that processes share (storage.adapter: sqlite, json or postgres), or run the turn in the foreground.',
      details: { adapter: ctx.storageSpec.kind },
    });
  }
  // An unknown executor is refused before a supervisor is spawned for it.
  getExecutor(plan.executor);
  const supervisorMain = supervisorMainPath();
  const env = envOf(ctx);
  const turnId = newTurnId();

  let child: ChildProcess | undefined;
  let spawnError: Error | undefined;
  try {
    child = spawn(process.execPath, [...supervisorNodeFlags(ctx.storageSpec), supervisorMain], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { ...env, [SESSION_ENV_VAR]: plan.sessionId, [TURN_ENV_VAR]: turnId },
      cwd: parsePath(ctx.logsDir).root,
    });
  } catch (error) {
    spawnError = error as Error;
  }
  if (child && child.pid === undefined) {
    // Node sets the pid only when the spawn succeeded, and emits why it failed on the next tick.
    const failed = child;
    spawnError = await new Promise<Error>((resolve) => failed.once('error', resolve));
    child = undefined;
  }
  const supervisor = child;
  supervisor?.on('error', () => {
    // The supervisor is on its own once spawned; nothing here can act on its errors.
  });
  const runner: Runner | undefined = supervisor?.pid === undefined ? undefined : { pid: supervisor.pid, startTime: processStartTime(supervisor.pid) };

  let begun: BegunTurn;
  try {
    begun = await beginTurn(ctx, plan, turnId, runner);
  } catch (error) {
    if (supervisor) await dismiss(supervisor);
    throw error;
  }
  const { entry, spec } = begun;
  if (!supervisor) return supervisorFailed(ctx, spec, spawnError);

  if (cannotStart(spec, env)) {
    // Recorded while the supervisor still lives, so reconciliation never sees its pid dead first.
    const failed = await superviseTurn({ storage: ctx.storage, spec, env });
    await dismiss(supervisor);
    return failed;
  }
  try {
    mkdirSync(dirname(spec.logFile), { recursive: true });
    await release(supervisor, JSON.stringify(logTurnStart(spec)));
  } catch (error) {
    supervisor.kill('SIGKILL');
    return supervisorFailed(ctx, spec, error as Error);
  }
  return entry;
}

/**
 * Hands the supervisor its turn and lets it go; rejects when the turn did not reach its pipe.
 * Once the turn is written it is the supervisor's: the end-of-file after it is not waited
 * for (the shutdown completes on a later turn of the event loop, before this process exits).
 */
function release(supervisor: ChildProcess, turn: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stdin = supervisor.stdin;
    if (!stdin) {
      reject(new Error('no pipe to the supervisor'));
      return;
    }
    // Stays attached: an error after the turn was written (the supervisor gone before it
    // read the end) is the supervisor's to report, not this process's to crash on.
    stdin.on('error', reject);
    stdin.write(turn, (error?: Error | null) => {
      if (error) {
        reject(error);
        return;
      }
      stdin.end();
      supervisor.unref();
      resolve();
    });
  });
}

/** Tells a supervisor there is no turn for it (end-of-file: it exits); one that cannot be told is killed. */
function dismiss(supervisor: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const stdin = supervisor.stdin;
    const kill = (): void => {
      supervisor.kill('SIGKILL');
      supervisor.unref();
      resolve();
    };
    if (!stdin) {
      kill();
      return;
    }
    stdin.on('error', kill);
    stdin.end(() => {
      supervisor.unref();
      resolve();
    });
  });
}

/**
 * Writes the turn's start (its full prompt) to the log before the supervisor gets it:
 * the session is claimed already, and a stop may kill the supervisor before it logs
 * anything. When the log cannot be written, the supervisor tries again and reports why.
 */
function logTurnStart(spec: TurnSpec): TurnSpec {
  let writer: EventLogWriter | undefined;
  try {
    writer = new EventLogWriter(spec.logFile);
    writer.append([turnStartRecord(spec, getExecutor(spec.executor).buildCommand(turnRequestOf(spec)))]);
    return { ...spec, startLogged: true };
  } catch {
    return spec;
  } finally {
    writer?.close();
  }
}

/** Cheap checks done before the supervisor gets the turn, so such failures are reported at once. */
function cannotStart(spec: TurnSpec, env: NodeJS.ProcessEnv): boolean {
  try {
    const executor = getExecutor(spec.executor);
    const command = executor.buildCommand(turnRequestOf(spec));
    return launchProblem(executor, command, spec.cwd, env) !== undefined;
  } catch {
    return true;
  }
}

async function supervisorFailed(ctx: LaunchContext, spec: TurnSpec, error: Error | undefined): Promise<SessionEntry> {
  const message = `The genie supervisor could not start: ${error?.message ?? 'no process id'}.`;
  return ctx.storage.update(spec.sessionId, (entry) =>
    entry.turns === spec.turn && entry.status === 'starting' ? { ...entry, status: 'failed', exitCode: null, signal: null, error: message } : entry,
  );
}
