import { unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenieError } from '@genie/errors';
import type { StorageSpec } from '@genie/storage';
import type { ExecutorSettings, TurnRequest } from '../executors/executor';
import type { TurnEndHooks } from '../hooks/turn-end-hooks';

/**
 * Everything a supervisor needs to run one turn, written to its stdin by the launching
 * process: a prompt can exceed the argv limit, and a pipe leaves no trace in `ps` or on disk.
 */
export interface TurnSpec {
  version: 1;
  sessionId: string;
  turn: number;
  /** The turn's marker, in every process it starts (GENIE_TURN_ID). */
  turnId: string;
  executor: string;
  /** The session's agent, for the log's `turn.start`. */
  agent?: string;
  /** The session's name, for the log's `turn.start`. */
  name?: string;
  prompt: string;
  instructions?: string;
  settings: ExecutorSettings;
  cwd: string;
  resume: boolean;
  executorSessionId: string | null;
  storage: StorageSpec;
  logFile: string;
  /** Where the instructions file is written when `instructions` is set. */
  instructionsFile: string;
  graceMs: number;
  hangGuardMs: number;
  /** Team stores: the lease this turn renews (see lease/turn-lease.ts); absent otherwise. */
  leaseMs?: number;
  hooks?: TurnEndHooks;
  /** The launcher already wrote this turn's `turn.start` to the log. */
  startLogged?: boolean;
}

/** What the executor is asked to build the argv of this turn from. */
export function turnRequestOf(spec: TurnSpec): TurnRequest {
  return {
    sessionId: spec.sessionId,
    executorSessionId: spec.executorSessionId,
    resume: spec.resume,
    prompt: spec.prompt,
    ...(spec.instructions ? { instructions: spec.instructions, instructionsFile: spec.instructionsFile } : {}),
    cwd: spec.cwd,
    settings: spec.settings,
  };
}

/** Turn files live beside the logs directory: `<logsDir>/../turns/`. */
export function turnFilesDir(logsDir: string): string {
  return join(dirname(logsDir), 'turns');
}

export function instructionsPath(logsDir: string, sessionId: string, turn: number): string {
  return join(turnFilesDir(logsDir), `${sessionId}-${turn}.instructions.md`);
}

/** The turn a launcher handed its supervisor, checked to be one this version writes. */
export function parseTurnSpec(text: string): TurnSpec {
  let spec: TurnSpec;
  try {
    spec = JSON.parse(text) as TurnSpec;
  } catch (error) {
    throw new GenieError('LAUNCH_FAILED', `The supervisor's turn is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (spec?.version !== 1 || typeof spec.sessionId !== 'string' || typeof spec.turn !== 'number' || typeof spec.turnId !== 'string') {
    throw new GenieError('LAUNCH_FAILED', 'The supervisor was handed a turn this version of genie did not write.', {
      hint: 'Use the same genie version to launch and supervise a turn.',
    });
  }
  return spec;
}

/**
 * Removes a turn file; one that is already gone (or was never written) is fine. unlinkSync,
 * not rmSync: rmSync's first call loads node's rimraf module, which every supervisor would pay.
 */
export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already, or its directory does not exist (ENOTDIR/EACCES): nothing to remove.
  }
}
