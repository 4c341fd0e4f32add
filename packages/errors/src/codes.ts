/**
 * Stable error codes. Scripts and MCP clients match on these strings, so a code is
 * never renamed or reused for another meaning; add new ones instead. Every code is thrown
 * (or, for INTERNAL, reported) somewhere: a test fails for one that is not.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'SESSION_NOT_FOUND',
  'SESSION_AMBIGUOUS',
  'SESSION_EXISTS',
  'SESSION_BUSY',
  'NAME_TAKEN',
  'AGENT_NOT_FOUND',
  'AGENT_AMBIGUOUS',
  'AGENT_INVALID',
  'STORE_CORRUPT',
  'STORE_VERSION_UNSUPPORTED',
  'STORE_IO',
  'LOCK_TIMEOUT',
  'CONFIG_INVALID',
  'EXECUTOR_UNKNOWN',
  'LAUNCH_FAILED',
  'FOREIGN_HOST',
  'INTERRUPTED',
  'FORBIDDEN',
  'LISTEN_FAILED',
  'NOT_A_GIT_REPOSITORY',
  'WORKTREE_MISSING',
  'WORKTREE_DIRTY',
  'MERGE_CONFLICT',
  'GIT_FAILED',
  'BUDGET_EXCEEDED',
  /** A team turn must run on a host (a resume, on the host that owns the conversation) with no live `genie worker`. */
  'HOST_GONE',
  /** An unexpected failure: a bug, reported as it is (no GenieError carries it). */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
