export { ACTIVE_STATUSES, MAX_HOOK_FAILURES, SESSION_STATUSES } from './types';
export type {
  HookFailure,
  QueuedTurn,
  SessionWorktree,
  SessionEntry,
  SessionEntryV1,
  SessionStatus,
  SessionStore,
  SessionStoreV1,
  SessionStoreV2,
  UsageSummary,
} from './types';
export { toSessionSummary } from './session-summary';
export type { SessionSummary } from './session-summary';
export { sessionEntryV2Schema, sessionStoreV1Schema, sessionStoreV2Schema } from './schemas';
export type { JsonSchema } from './schemas';
export { validate, validateEntry, validateV1 } from './validation/validate';
export type { CompiledValidator } from './validation/compiled-validator';
export { detectStoreVersion } from './store-version';
export { emptyStore } from './empty-store';
export { migrate } from './migrations/migrate';
export { safeSessionName } from './migrations/safe-identifiers';
export type { MigrateOptions, MigrationResult } from './migrations/migrate';
export type { SkippedSession } from './migrations/skip-invalid-sessions';
export { CURRENT_STORE_VERSION, MIGRATIONS } from './migrations/registry';
export type { MigrationContext, MigrationStep, MigrationStepResult } from './migrations/migration-step';
export {
  AGENT_ID_PATTERN,
  CWD_PATTERN,
  EXECUTOR_SESSION_ID_PATTERN,
  SESSION_ID_PATTERN,
  SESSION_NAME_PATTERN,
  isValidAgentId,
  isValidCwd,
  isValidExecutorSessionId,
  isValidSessionId,
  isValidSessionName,
} from './identifiers';
