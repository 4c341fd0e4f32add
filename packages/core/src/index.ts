export { openGenie } from './open-genie';
export type {
  AgentProblem,
  CleanOptions,
  CleanReport,
  CleanedWorktree,
  DiffOptions,
  MergeOptions,
  MergeReport,
  SessionDiff,
  AgentSummary,
  DoctorReport,
  Genie,
  InitReport,
  ListSessionsOptions,
  ExportFormat,
  MigrateReport,
  CopyToTeamOptions,
  CopyToTeamReport,
  OpenOptions,
  ResumeOptions,
  RunOptions,
  SessionSummary,
  SessionView,
  TranscriptEvent,
  TurnView,
  StopOptions,
  ViewOptions,
  WaitOptions,
  WaitResult,
  WorkerOptions,
  WorkerReport,
  WorkerTurn,
} from './api-types';
export type { ExecutorConfig, GenieConfig, ModeConfig } from './config/genie-config';
export { DEFAULT_CONFIG } from './config/genie-config';
export { SHELL_AGENT_ID } from './agents/builtin-agents';
export { MIN_ID_PREFIX } from './sessions/resolve-session';
export { CEILING_ENV, WORKSPACE_ENV } from './workspace/find-workspace';
