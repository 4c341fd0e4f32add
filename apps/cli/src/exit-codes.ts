import type { ErrorCode } from '@genie/errors';
import type { SessionStatus } from './genie-types';

/** Exit codes of `genie`; scripts rely on them, so they never change meaning. */
export const EXIT = {
  ok: 0,
  turnFailed: 1,
  usage: 2,
  notFound: 3,
  storeOrConfig: 4,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const EXIT_BY_ERROR_CODE: Record<ErrorCode, ExitCode> = {
  INVALID_INPUT: EXIT.usage,
  SESSION_AMBIGUOUS: EXIT.usage,
  NAME_TAKEN: EXIT.usage,
  SESSION_EXISTS: EXIT.usage,
  SESSION_BUSY: EXIT.usage,
  EXECUTOR_UNKNOWN: EXIT.usage,
  FOREIGN_HOST: EXIT.usage,
  FORBIDDEN: EXIT.usage,
  SESSION_NOT_FOUND: EXIT.notFound,
  AGENT_NOT_FOUND: EXIT.notFound,
  STORE_CORRUPT: EXIT.storeOrConfig,
  STORE_VERSION_UNSUPPORTED: EXIT.storeOrConfig,
  STORE_IO: EXIT.storeOrConfig,
  LOCK_TIMEOUT: EXIT.storeOrConfig,
  CONFIG_INVALID: EXIT.storeOrConfig,
  AGENT_INVALID: EXIT.storeOrConfig,
  EXECUTOR_NOT_FOUND: EXIT.turnFailed,
  LAUNCH_FAILED: EXIT.turnFailed,
  TURN_FAILED: EXIT.turnFailed,
  INTERRUPTED: EXIT.interrupted,
};

/** Errors without a genie code are bugs or environment failures: the turn did not happen. */
export function exitCodeForError(code: ErrorCode | undefined): ExitCode {
  return code === undefined ? EXIT.turnFailed : (EXIT_BY_ERROR_CODE[code] ?? EXIT.turnFailed);
}

/** A foreground turn that did not complete is a failure, except one the user stopped. */
export function exitCodeForStatus(status: SessionStatus): ExitCode {
  if (status === 'completed' || status === 'starting' || status === 'running') return EXIT.ok;
  if (status === 'stopped') return EXIT.interrupted;
  return EXIT.turnFailed;
}
