import type { SessionEntry } from '@genie/session-schema';
import type { TurnView } from '@genie/launcher';
import type { SessionView } from '../api-types';
import { toSessionSummary } from './session-summary';

/** A summary plus the turns read from the session's event log. */
export function toSessionView(entry: SessionEntry, lastTurn: TurnView | null, transcript?: TurnView[]): SessionView {
  const summary = toSessionSummary(entry);
  return {
    ...summary,
    answer: summary.answer ?? lastTurn?.answer ?? null,
    lastTurn,
    ...(transcript ? { transcript } : {}),
  };
}
