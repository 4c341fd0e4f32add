import type { SessionEntry } from '@genie/session-schema';
import type { CreateOptions, SessionStorage } from '../session-storage';

/** Runs one statement on a connection: the shape pg-boss takes as its `db` option. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The team store (PostgreSQL) can do more work in the transaction that writes a record:
 * queueing a turn commits with the record that says `queued`, or neither does.
 */
export interface TeamSessionStorage extends SessionStorage {
  /** `create`, with `alsoInTransaction` run after the insert, in the same transaction. */
  createWith(entry: SessionEntry, options?: CreateOptions, alsoInTransaction?: (sql: SqlExecutor) => Promise<void>): Promise<SessionEntry>;
  /** `update`, with `alsoInTransaction` run after the write (given the record as written), in the same transaction. */
  updateWith(
    sessionId: string,
    mutate: (current: SessionEntry) => SessionEntry,
    alsoInTransaction?: (sql: SqlExecutor, updated: SessionEntry) => Promise<void>,
  ): Promise<SessionEntry>;
}

export function isTeamSessionStorage(storage: SessionStorage): storage is TeamSessionStorage {
  return typeof (storage as Partial<TeamSessionStorage>).createWith === 'function' && typeof (storage as Partial<TeamSessionStorage>).updateWith === 'function';
}
