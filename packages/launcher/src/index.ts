export type { AgentEvent } from './agent-event';
export type { EventLogRecord, OutputRecord, TurnEndRecord, TurnStartRecord } from './event-log-record';
export type { DetectionPlace, Executor, ExecutorDetection, ExecutorSettings, LaunchCommand, TurnRequest } from './executors/executor';
export type { TranscriptEvent, TurnView } from './transcript/transcript-types';
export { readTranscript } from './transcript/read-transcript';
export { readLastTurn } from './transcript/read-last-turn';
export { turnStartOffset } from './transcript/turn-start-offset';
export { EventLogTail, logSize } from './transcript/event-log-tail';
export { renderRecord } from './transcript/render-record';
export type { TranscriptOptions } from './transcript/transcript-options';

export { EXECUTOR_IDS, allExecutors, getExecutor, isExecutorId } from './executors/registry';
export type { ExecutorId } from './executors/registry';
export { claudeExecutor } from './executors/claude/claude-executor';
export { codexExecutor } from './executors/codex/codex-executor';
export { commandExecutor } from './executors/command/command-executor';
export { expandTemplate } from './executors/command/command-executor';
export type { TemplateValues } from './executors/command/command-executor';
export { SHELL_AGENT } from './agents/shell-agent';
export type { BuiltinAgentSpec } from './agents/shell-agent';

export { eventLogPath } from './event-log/event-log-path';
export { DEFAULT_GRACE_MS, DEFAULT_HANG_GUARD_MS } from './launch/launch-context';
export type { LaunchContext, TurnPlan } from './launch/launch-context';
export type { TurnEndHooks } from './hooks/turn-end-hooks';
export { startBackgroundTurn } from './launch/start-background-turn';
export { runForegroundTurn } from './launch/run-foreground-turn';
export type { ForegroundOptions } from './launch/run-foreground-turn';
export { stopSession } from './stop/stop-session';
export type { StopOptions } from './stop/stop-session';
export { reconcileAll, reconcileSession } from './reconcile/reconcile-session';

export { isProcessAlive, processStartTime } from './process/process-identity';
export { hasProcFs, readProcStat } from './process/proc-stat';
export type { ProcStat } from './process/proc-stat';
export { processProbe } from './process/process-probe';
export { SESSION_ENV_VAR } from './process/session-marker';
export { findSessionProcesses } from './process/session-processes';
