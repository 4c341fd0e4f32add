import { ERROR_CODES, EXIT_CODES, exitCodeFor } from '../src/index';

describe('exit codes', () => {
  it('are the documented numbers', () => {
    expect(EXIT_CODES).toEqual({ OK: 0, TURN_FAILED: 1, USAGE: 2, NOT_FOUND: 3, STORE_OR_CONFIG: 4, INTERRUPTED: 130 });
  });

  it('map every error code as the README table says', () => {
    const table = Object.fromEntries(ERROR_CODES.map((code) => [code, exitCodeFor(code)]));
    expect(table).toEqual({
      INVALID_INPUT: 2,
      SESSION_AMBIGUOUS: 2,
      AGENT_AMBIGUOUS: 2,
      NAME_TAKEN: 2,
      SESSION_EXISTS: 2,
      SESSION_BUSY: 2,
      EXECUTOR_UNKNOWN: 2,
      FOREIGN_HOST: 2,
      FORBIDDEN: 2,
      NOT_A_GIT_REPOSITORY: 2,
      WORKTREE_MISSING: 2,
      WORKTREE_DIRTY: 2,
      BUDGET_EXCEEDED: 2,
      SESSION_NOT_FOUND: 3,
      AGENT_NOT_FOUND: 3,
      STORE_CORRUPT: 4,
      STORE_VERSION_UNSUPPORTED: 4,
      STORE_IO: 4,
      LOCK_TIMEOUT: 4,
      CONFIG_INVALID: 4,
      AGENT_INVALID: 4,
      LISTEN_FAILED: 4,
      HOST_GONE: 4,
      LAUNCH_FAILED: 1,
      INTERNAL: 1,
      MERGE_CONFLICT: 1,
      GIT_FAILED: 1,
      INTERRUPTED: 130,
    });
  });

  it('exit 1 for an error without a genie code', () => {
    expect(exitCodeFor(undefined)).toBe(1);
  });
});
