import type { SessionView, ViewOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { lastTurnOf, transcriptOf } from '../sessions/read-turns';
import { toSessionView } from '../sessions/session-view';

export async function viewSession(context: GenieContext, options: ViewOptions): Promise<SessionView> {
  const entry = await findSession(context, options.session);
  const logsDir = await context.readableLogs(entry);
  if (!options.full) return toSessionView(entry, await lastTurnOf(logsDir, entry));
  // The full view is the whole record of the turns, the agent's reasoning included.
  const transcript = await transcriptOf(logsDir, entry, true);
  return toSessionView(entry, transcript[transcript.length - 1] ?? null, transcript);
}
