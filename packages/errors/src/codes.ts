/**
 * Stable error codes. Scripts and MCP clients match on these strings, so a code is
 * never renamed or reused for another meaning; add new ones instead.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'SESSION_NOT_FOUND',
  'SESSION_AMBIGUOUS',
  'SESSION_EXISTS',
  'SESSION_BUSY',
  'NAME_TAKEN',
  'AGENT_NOT_FOUND',
  'AGENT_INVALID',
  'STORE_CORRUPT',
  'STORE_VERSION_UNSUPPORTED',
  'STORE_IO',
  'LOCK_TIMEOUT',
  'CONFIG_INVALID',
  'EXECUTOR_NOT_FOUND',
  'EXECUTOR_UNKNOWN',
  'LAUNCH_FAILED',
  'TURN_FAILED',
  'FOREIGN_HOST',
  'INTERRUPTED',
  'FORBIDDEN',
  'NOT_A_GIT_REPOSITORY',
  'WORKTREE_MISSING',
  'WORKTREE_DIRTY',
  'MERGE_CONFLICT',
  'GIT_FAILED',
  'BUDGET_EXCEEDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
