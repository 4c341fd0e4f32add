import type { SessionEntry } from '@genie/session-schema';
import type { TurnEndRecord } from '../event-log-record';

/**
 * The record as the supervisor left it when it wrote `end`: the same fields its final
 * write sets. Usage is left as the record has it: the supervisor adds a turn's usage when
 * the CLI reports its result, in a write before the final one, so a record restored from
 * the backup has normally counted it already, and adding it again would count it twice.
 */
export function adoptTurnEnd(entry: SessionEntry, end: TurnEndRecord): SessionEntry {
  return {
    ...entry,
    status: end.status,
    exitCode: end.exitCode,
    signal: end.signal,
    error: end.error,
    lastAnswer: end.answer ?? entry.lastAnswer ?? null,
    ...(end.executorSessionId ? { executorSessionId: end.executorSessionId } : {}),
    lastUsed: end.time,
  };
}
