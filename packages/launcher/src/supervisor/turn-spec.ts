import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenieError } from '@genie/errors';
import type { StorageSpec } from '@genie/storage';
import type { ExecutorSettings, TurnRequest } from '../executors/executor';

/**
 * Everything a supervisor needs to run one turn, written to a file by the launching
 * process: a prompt can exceed the argv limit, and a file leaves no trace in `ps`.
 */
export interface TurnSpec {
  version: 1;
  sessionId: string;
  turn: number;
  executor: string;
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

export function turnSpecPath(logsDir: string, sessionId: string, turn: number): string {
  return join(turnFilesDir(logsDir), `${sessionId}-${turn}.json`);
}

export function instructionsPath(logsDir: string, sessionId: string, turn: number): string {
  return join(turnFilesDir(logsDir), `${sessionId}-${turn}.instructions.md`);
}

export function writeTurnSpec(file: string, spec: TurnSpec): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(spec), { mode: 0o600 });
}

export function readTurnSpec(file: string): TurnSpec {
  let spec: TurnSpec;
  try {
    spec = JSON.parse(readFileSync(file, 'utf8')) as TurnSpec;
  } catch (error) {
    throw new GenieError('LAUNCH_FAILED', `Cannot read the turn file ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (spec.version !== 1 || typeof spec.sessionId !== 'string' || typeof spec.turn !== 'number') {
    throw new GenieError('LAUNCH_FAILED', `The turn file ${file} is not one this version of genie wrote.`, {
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
