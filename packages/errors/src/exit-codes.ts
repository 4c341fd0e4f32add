import type { ErrorCode } from './codes';

/**
 * Exit codes of genie's bins (`genie`, `genie-mcp`). Scripts branch on them, so a number
 * never changes meaning; both bins take them from here so they cannot drift apart.
 */
export const EXIT_CODES = {
  OK: 0,
  TURN_FAILED: 1,
  USAGE: 2,
  NOT_FOUND: 3,
  STORE_OR_CONFIG: 4,
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const EXIT_CODE_BY_ERROR: Record<ErrorCode, ExitCode> = {
  INVALID_INPUT: EXIT_CODES.USAGE,
  SESSION_AMBIGUOUS: EXIT_CODES.USAGE,
  AGENT_AMBIGUOUS: EXIT_CODES.USAGE,
  NAME_TAKEN: EXIT_CODES.USAGE,
  SESSION_EXISTS: EXIT_CODES.USAGE,
  SESSION_BUSY: EXIT_CODES.USAGE,
  EXECUTOR_UNKNOWN: EXIT_CODES.USAGE,
  FOREIGN_HOST: EXIT_CODES.USAGE,
  FORBIDDEN: EXIT_CODES.USAGE,
  SESSION_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  AGENT_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  STORE_CORRUPT: EXIT_CODES.STORE_OR_CONFIG,
  STORE_VERSION_UNSUPPORTED: EXIT_CODES.STORE_OR_CONFIG,
  STORE_IO: EXIT_CODES.STORE_OR_CONFIG,
  LOCK_TIMEOUT: EXIT_CODES.STORE_OR_CONFIG,
  CONFIG_INVALID: EXIT_CODES.STORE_OR_CONFIG,
  AGENT_INVALID: EXIT_CODES.STORE_OR_CONFIG,
  LISTEN_FAILED: EXIT_CODES.STORE_OR_CONFIG,
  LAUNCH_FAILED: EXIT_CODES.TURN_FAILED,
  INTERNAL: EXIT_CODES.TURN_FAILED,
  INTERRUPTED: EXIT_CODES.INTERRUPTED,
};

/**
 * The exit code for an error's genie code. An error without one (a bug or an environment
 * failure) exits 1: what was asked did not happen.
 */
export function exitCodeFor(code: ErrorCode | undefined): ExitCode {
  return code === undefined ? EXIT_CODES.TURN_FAILED : (EXIT_CODE_BY_ERROR[code] ?? EXIT_CODES.TURN_FAILED);
}
