import type { SessionEntry, SessionStatus } from '@genie/session-schema';
import { SESSION_STATUSES } from '@genie/session-schema';
import type { SessionSummary } from '../api-types';

function statusOf(entry: SessionEntry): SessionStatus {
  const status = entry.status;
  if (status && (SESSION_STATUSES as readonly string[]).includes(status)) return status as SessionStatus;
  // Predecessor records may lack a status or hold words this version does not use; no
  // runner of this genie watches them and their outcome is unknown, which is what `lost` says.
  return 'lost';
}

/** The public shape of a stored session: every field present, null when unknown. */
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
    // Stored records are frozen; the summary is the caller's to keep and change.
    usage: entry.usage ? { ...entry.usage } : null,
    costUsd: entry.usage?.costUsd ?? null,
    logFile: entry.logFile ?? null,
  };
}
