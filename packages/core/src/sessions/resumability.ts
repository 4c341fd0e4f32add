import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';

/**
 * Why a session's conversation cannot be continued, or null when it can: a record that
 * `genie doctor --repair` rebuilt from an event log written before genie logged each
 * turn's agent and directory (see records-from-logs.ts) knows neither, and the agent CLIs
 * find a conversation by the directory it ran in.
 */
export function cannotResume(entry: SessionEntry): string | null {
  if (entry.resumable !== false) return null;
  return 'rebuilt by `genie doctor --repair` from an event log that does not name its agent or the directory it ran in, so its conversation cannot be continued';
}

/** The refusal of a resume of such a session: nothing is started and nothing is written. */
export function notResumableError(entry: SessionEntry): GenieError {
  const name = entry.name ?? entry.sessionId;
  return new GenieError('SESSION_NOT_RESUMABLE', `Session ${name} cannot be resumed: it was ${cannotResume(entry) ?? 'not resumable'}.`, {
    hint: `Its transcript is kept: read it with \`genie view ${name} --full\`, then start a new session (genie run <agent> "...") with what it needs from it.`,
    details: { sessionId: entry.sessionId },
  });
}
