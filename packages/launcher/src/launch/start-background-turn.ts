import { spawn, type ChildProcess } from 'node:child_process';
import { parse as parsePath } from 'node:path';
import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import { processStartTime } from '@genie/storage';
import { getExecutor } from '../executors/registry';
import { SESSION_ENV_VAR } from '../process/session-marker';
import { launchProblem } from '../supervisor/launch-check';
import { superviseTurn } from '../supervisor/supervise-turn';
import { removeFile, turnRequestOf, turnSpecPath, writeTurnSpec, type TurnSpec } from '../supervisor/turn-spec';
import { beginTurn } from './begin-turn';
import { envOf } from './context-defaults';
import type { LaunchContext, TurnPlan } from './launch-context';
import { supervisorMainPath } from './supervisor-location';

let jitlessFlags: string[] | undefined;

/**
 * A supervisor lives as long as its agent and mostly waits for output, so it trades
 * JIT speed for about 5 MB less resident memory per running session. Asked on first
 * launch, not at load: building node's flag set costs ~0.5 ms, which processes that load
 * the launcher without launching (list, view, stop) need not pay.
 */
function supervisorNodeFlags(): string[] {
  jitlessFlags ??= process.allowedNodeEnvironmentFlags.has('--jitless') ? ['--jitless'] : [];
  return jitlessFlags;
}

/**
 * Starts a turn under a detached supervisor and returns as soon as the record says
 * `starting` with the supervisor's pid; the caller never waits for the agent. A turn
 * that cannot start (missing binary, missing cwd) is recorded `failed` before returning.
 */
export async function startBackgroundTurn(ctx: LaunchContext, plan: TurnPlan): Promise<SessionEntry> {
  if (ctx.storageSpec.kind !== 'json' || !ctx.storage.capabilities.crossProcess) {
    throw new GenieError('INVALID_INPUT', 'A background turn needs a store shared between processes; this one is in memory.', {
      hint: 'Use the json storage adapter, or run the turn in the foreground.',
    });
  }
  const supervisorMain = supervisorMainPath();
  const env = envOf(ctx);
  const { spec } = await beginTurn(ctx, plan);

  if (cannotStart(spec, env)) return superviseTurn({ storage: ctx.storage, spec, env });

  const specFile = turnSpecPath(ctx.logsDir, spec.sessionId, spec.turn);
  let child: ChildProcess;
  try {
    writeTurnSpec(specFile, spec);
    child = spawn(process.execPath, [...supervisorNodeFlags(), supervisorMain, specFile], {
      detached: true,
      stdio: 'ignore',
      env: { ...env, [SESSION_ENV_VAR]: spec.sessionId },
      cwd: parsePath(specFile).root,
    });
  } catch (error) {
    return supervisorFailed(ctx, spec, specFile, error as Error);
  }
  if (child.pid === undefined) {
    // Node sets the pid only when the spawn succeeded, and emits why it failed on the next tick.
    const spawnError = await new Promise<Error>((resolve) => child.once('error', resolve));
    return supervisorFailed(ctx, spec, specFile, spawnError);
  }
  child.on('error', () => {
    // The supervisor is on its own once spawned; nothing here can act on its errors.
  });
  child.unref();

  const runnerPid = child.pid;
  const runnerStartTime = processStartTime(runnerPid);
  return ctx.storage.update(spec.sessionId, (entry) =>
    entry.turns === spec.turn && (entry.runnerPid ?? null) === null ? { ...entry, runnerPid, runnerStartTime } : entry,
  );
}

/** Cheap checks done before spawning anything, so such failures are reported at once. */
function cannotStart(spec: TurnSpec, env: NodeJS.ProcessEnv): boolean {
  try {
    const executor = getExecutor(spec.executor);
    const command = executor.buildCommand(turnRequestOf(spec));
    return launchProblem(executor, command, spec.cwd, env) !== undefined;
  } catch {
    return true;
  }
}

async function supervisorFailed(ctx: LaunchContext, spec: TurnSpec, specFile: string, error: Error): Promise<SessionEntry> {
  removeFile(specFile);
  const message = `The genie supervisor could not start: ${error.message}.`;
  return ctx.storage.update(spec.sessionId, (entry) =>
    entry.turns === spec.turn && entry.status === 'starting' ? { ...entry, status: 'failed', exitCode: null, signal: null, error: message } : entry,
  );
}
