import { SESSION_STATUSES, type HookFailure, type SessionEntry, type SessionStatus, type SessionWorktree, type UsageSummary } from './types';

/**
 * The public shape of a stored session: what `--json`, MCP structuredContent and library
 * callers get. Every field is present, null when unknown.
 */
export interface SessionSummary {
  sessionId: string;
  name: string | null;
  agent: string;
  executor: string | null;
  executorSessionId: string | null;
  status: SessionStatus;
  background: boolean;
  created: string | null;
  lastUsed: string | null;
  turns: number;
  lastPrompt: string | null;
  /** Final answer of the latest finished turn. */
  answer: string | null;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  usage: UsageSummary | null;
  costUsd: number | null;
  /** The budget of the whole session in USD (`--max-budget-usd`), null when unlimited. */
  maxBudgetUsd: number | null;
  logFile: string | null;
  /** The git worktree the session runs in, null for one that runs in the workspace. */
  worktree: SessionWorktree | null;
  /** Turn-end hooks that failed lately (newest last); they never change the session's status. */
  hookFailures: HookFailure[];
}

function statusOf(entry: SessionEntry): SessionStatus {
  const status = entry.status;
  if (status && (SESSION_STATUSES as readonly string[]).includes(status)) return status as SessionStatus;
  // Predecessor records may lack a status or hold words this version does not use; no
  // runner of this genie watches them and their outcome is unknown, which is what `lost` says.
  return 'lost';
}

/**
 * The summary of a stored session (a new object, the caller's to keep and change).
 * The SQLite and PostgreSQL stores keep it beside each record, written with the record: a
 * change to what it returns needs a new schema version of each that rewrites (SQLite) or
 * clears (PostgreSQL, which then renders from the record) the stored ones.
 */
export function toSessionSummary(entry: SessionEntry): SessionSummary {
  return {
    sessionId: entry.sessionId,
    name: entry.name ?? null,
    agent: entry.agent,
    executor: entry.executor ?? null,
    executorSessionId: entry.executorSessionId ?? null,
    status: statusOf(entry),
    background: entry.background ?? false,
    created: entry.created ?? null,
    lastUsed: entry.lastUsed ?? null,
    turns: entry.turns ?? (entry.created ? 1 : 0),
    lastPrompt: entry.lastPrompt ?? null,
    answer: entry.lastAnswer ?? null,
    exitCode: entry.exitCode ?? null,
    signal: entry.signal ?? null,
    error: entry.error ?? null,
    // Stored records are frozen; the summary's usage is a copy.
    usage: entry.usage ? { ...entry.usage } : null,
    costUsd: entry.usage?.costUsd ?? null,
    maxBudgetUsd: entry.maxBudgetUsd ?? null,
    logFile: entry.logFile ?? null,
    worktree: entry.worktree ? { ...entry.worktree } : null,
    hookFailures: entry.hookFailures ? entry.hookFailures.map((failure) => ({ ...failure, command: [...failure.command] })) : [],
  };
}
