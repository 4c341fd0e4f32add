import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import type { TurnView } from '@genie/launcher';
import type { SessionView } from '../api-types';
import { cannotResume } from './resumability';

/** A summary plus the turns read from the session's event log. */
export function toSessionView(entry: SessionEntry, lastTurn: TurnView | null, transcript?: TurnView[]): SessionView {
  const summary = toSessionSummary(entry);
  return {
    ...summary,
    // The log knows the latest turn's own answer; the record may still carry an earlier one.
    answer: lastTurn?.endedAt ? lastTurn.answer : summary.answer,
    lastTurn,
    cannotResume: cannotResume(entry),
    ...(transcript ? { transcript } : {}),
  };
}
