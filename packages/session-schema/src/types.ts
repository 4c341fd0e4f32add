/**
 * What a session record is, in every store version genie has read or written.
 * The JSON Schemas in ../schemas are the runtime twin of these types; keep both in step.
 * The current store version is not declared here: it is where the last migration step
 * arrives (CURRENT_STORE_VERSION in migrations/registry.ts).
 */

/**
 * `queued`: a team store's turn waiting in the queue for a `genie worker` to take it (it has
 * no process yet); the other statuses are those of a turn that a process runs or ran.
 */
export const SESSION_STATUSES = ['queued', 'starting', 'running', 'completed', 'failed', 'stopped', 'lost'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses of a turn that has not ended yet: waiting in a queue, or possibly producing output. */
export const ACTIVE_STATUSES: readonly SessionStatus[] = ['queued', 'starting', 'running'];

/** Token and money totals, summed over every turn of a session. */
export interface UsageSummary {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  cacheCreationInputTokens?: number;
  /** Claude reports money; Codex reports tokens only, so this stays absent for Codex. */
  costUsd?: number;
  durationMs?: number;
}

/** The git worktree a session runs in (`--worktree`); every turn runs there. */
export interface SessionWorktree {
  /** Absolute path of the worktree's top directory (`<repository>/.genie/worktrees/<name>`). */
  path: string;
  /** The branch made for the session (`genie/<name>`). */
  branch: string;
  /** The commit the branch was made from; `diff` compares against it. */
  base: string;
  /** Top directory of the checkout the worktree was added to; `merge` and `clean` work there. */
  repository: string;
  /** When `clean` removed the worktree and its branch (ISO-8601); absent while it exists. */
  removedAt?: string;
}

/** A turn-end hook (or notifier) that failed or timed out; the turn's outcome is never changed by it. */
export interface HookFailure {
  turn: number;
  /** The hook's argv as configured. */
  command: string[];
  error: string;
  /** ISO-8601 time the hook ended. */
  time: string;
}

/**
 * One session in a version-2 store. Everything but `sessionId` and `agent` is optional
 * because the predecessor wrote sparse records; fields this version does not know are
 * kept (index signature) so a load-and-save round trip never drops them.
 */
export interface SessionEntry {
  /** The store key. A UUID for sessions genie creates; `legacy-<agent>-<hash>` for migrated ones. */
  sessionId: string;
  agent: string;
  /** Friendly name, unique within a store. */
  name?: string;
  executor?: string;
  /** The agent CLI's own conversation id (Claude `session_id`, Codex `thread_id`). */
  executorSessionId?: string | null;
  mode?: string;
  /** Predecessor's alias of `mode`; kept and back-filled for compatibility. */
  preset?: string;
  /** One of SESSION_STATUSES for records genie writes; older files may hold other words. */
  status?: SessionStatus | (string & {});
  background?: boolean;
  /** ISO-8601 timestamps. */
  created?: string;
  lastUsed?: string;
  startTime?: string;
  /** The supervisor process ("runner") of the current or last turn. */
  runnerPid?: number | null;
  /** Opaque start-time token of runnerPid, to tell a reused pid from the real runner. */
  runnerStartTime?: string | null;
  executorPid?: number | null;
  /**
   * Marker of the current or last turn (a fresh id per launch, in its processes'
   * GENIE_TURN_ID): stopping a turn reaches its processes and never the next turn's.
   */
  turnId?: string | null;
  /** How the turn's processes are held together: `{ kind, cgroup? }` (see the launcher's containment). */
  containment?: { kind: string; cgroup?: string } | null;
  /**
   * True from the moment a stop is recorded until that turn's processes are gone: the
   * session stays busy meanwhile, so a resume cannot start a turn the stop would hit.
   */
  stopping?: boolean;
  /** Hostname of the machine whose processes run this session; pids mean nothing elsewhere. */
  host?: string;
  /** Directory the agent runs in; agent CLIs scope resumable conversations to it. */
  cwd?: string;
  exitCode?: number | null;
  signal?: string | null;
  error?: string | null;
  logFile?: string;
  /** First 200 characters of the latest prompt (predecessor compatible). */
  lastPrompt?: string;
  /** Final answer of the latest finished turn. */
  lastAnswer?: string | null;
  /** Number of turns started in this session (1 after the first run). */
  turns?: number;
  usage?: UsageSummary;
  /** Set for sessions run with `--worktree`; absent (or null) for sessions in the workspace itself. */
  worktree?: SessionWorktree | null;
  /** Total the session may cost across its turns (USD); a resume beyond it is refused. */
  maxBudgetUsd?: number | null;
  /** A desktop notification is shown when a turn ends (`--notify`). */
  notify?: boolean;
  /** The latest failures of turn-end hooks (the newest last, at most MAX_HOOK_FAILURES). */
  hookFailures?: HookFailure[];
  /** While `queued`: the queue job (`genie worker`) that will run the turn, and what it needs. */
  queuedTurn?: QueuedTurn;
  [extra: string]: unknown;
}

/** A turn waiting in a team database's queue for a `genie worker`. */
export interface QueuedTurn {
  /** The job's id in the queue; only this job may start the turn. */
  jobId: string;
  /** The queue it waits in (a shared one for a first turn, its host's for a resume). */
  queue: string;
  /** The host that must run it (a resume), or null (any worker with the labels). */
  host: string | null;
  /** Labels a worker must have to take it (from the agent's `genie.labels`). */
  labels: string[];
  /** ISO-8601 time it was queued. */
  queuedAt: string;
}

/** How many hook failures a record keeps: enough to see a pattern, bounded so a record stays small. */
export const MAX_HOOK_FAILURES = 10;

/** The version-2 store: sessions keyed by session id. Unknown top-level keys are kept. */
export interface SessionStoreV2 {
  version: 2;
  sessions: Record<string, SessionEntry>;
  [extra: string]: unknown;
}

/** A version-1 entry as the predecessor wrote it: anything, keyed by agent name. */
export interface SessionEntryV1 {
  sessionId?: string | null;
  agent?: string;
  [field: string]: unknown;
}

/** The version-1 store: one entry per agent name (which is why sessions were lost). */
export interface SessionStoreV1 {
  version?: 1;
  agents: Record<string, unknown>;
  [extra: string]: unknown;
}

export type SessionStore = SessionStoreV2;
