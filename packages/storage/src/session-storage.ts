import type { SessionEntry, SessionStatus, SessionSummary } from '@genie/session-schema';

/**
 * Filters for `list`, pushed down to the adapter so a database answers them with an index.
 * Results are always newest first (by `created`, then `sessionId`; undated records last).
 */
export interface SessionFilter {
  status?: SessionStatus | readonly SessionStatus[];
  agent?: string;
  /** Only sessions whose id starts with this text, taken literally (how a session is named by a prefix of its id). */
  idPrefix?: string;
  limit?: number;
}

export interface CreateOptions {
  /**
   * What to do when `entry.name` is taken: `'error'` (default) throws NAME_TAKEN;
   * `'suffix'` picks `<name>-2`, `<name>-3`, ... inside the same atomic write, so
   * concurrent creators never collide and never retry.
   */
  onNameTaken?: 'error' | 'suffix';
}

/** Optional abilities an adapter may have; callers check before relying on them. */
export interface StorageCapabilities {
  /** Safe to share between processes (the background supervisor writes from another process). */
  crossProcess: boolean;
  /** Survives the process that opened it. */
  persistent: boolean;
}

/**
 * Where sessions live: records in, records out. Every adapter implements exactly this and
 * passes the shared conformance suite; rendering (summaries, JSON for `list --json`) is
 * core's business, so no adapter carries a listing format (listSummaries returns typed summaries,
 * never text). Methods throw GenieError (never
 * emit, never swallow): SESSION_EXISTS, NAME_TAKEN, SESSION_NOT_FOUND, STORE_CORRUPT,
 * STORE_VERSION_UNSUPPORTED, LOCK_TIMEOUT, STORE_IO.
 *
 * Records it returns are frozen, all the way down, so they may be shared and kept; a change
 * goes through `update`, which hands `mutate` a copy it may change.
 */
export interface SessionStorage {
  readonly capabilities: StorageCapabilities;
  /** Human-readable location, for messages (`/path/genie.db`, `memory`). */
  readonly location: string;
  get(sessionId: string): Promise<SessionEntry | undefined>;
  findByName(name: string): Promise<SessionEntry | undefined>;
  list(filter?: SessionFilter): Promise<SessionEntry[]>;
  /**
   * What `list` shows: toSessionSummary of each record `list(filter)` returns, in the same
   * order (new objects, the caller's to keep). A database adapter keeps each summary beside
   * its record, written in the same transaction, so a listing reads no whole record.
   */
  listSummaries(filter?: SessionFilter): Promise<SessionSummary[]>;
  /** Stores a new session; returns it as stored (its name may carry a suffix). */
  create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry>;
  /**
   * Atomic read-modify-write. `mutate` receives the latest committed record (a copy it
   * may change) and returns the record to store; it runs inside the write transaction,
   * so it must be quick and synchronous. The session id cannot change; a changed name
   * must stay unique (NAME_TAKEN otherwise).
   */
  update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry>;
  /** Removes a session; false when it did not exist. */
  delete(sessionId: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A serialisable description of a store, so a detached supervisor process can open the
 * same store as the process that launched it. `kind` names the adapter in the registry;
 * the other fields are that adapter's own (it validates them when it opens the spec).
 */
export type StorageSpec = { kind: string } & Readonly<Record<string, unknown>>;
