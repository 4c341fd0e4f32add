import type { SessionStatus, SessionSummary } from '@genie/session-schema';
import type { SessionFilter } from '@genie/storage';
import type { TranscriptEvent, TurnView } from '@genie/launcher';

export type { TranscriptEvent, TurnView };
import type { GenieConfig } from './config/genie-config';

/**
 * The public surface of the genie library. The CLI and the MCP server are thin
 * translators of this API; they hold no logic of their own.
 */

export interface OpenOptions {
  /** Directory to start the workspace search from (default: process.cwd()). */
  cwd?: string;
  /** Environment to read GENIE_* overrides and PATH from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Diagnostics (migration notices, reconciliations); default writes nothing. */
  onWarning?: (message: string) => void;
}

export interface AgentSummary {
  /** Path under `.genie/agents/` without `.md` (`qa/reviewer`), or the built-in id (`shell`). */
  id: string;
  name: string;
  description: string | null;
  executor: string;
  model: string | null;
  builtin: boolean;
  hidden: boolean;
  /** Absolute path of the agent file; null for built-ins. */
  file: string | null;
}

/** An agent file, or a folder of them, that could not be used; every other agent still works. */
export interface AgentProblem {
  /** The agent id the file would define; null for a folder that cannot be read. */
  agent: string | null;
  file: string;
  code: string;
  message: string;
  hint: string | null;
}

/** The JSON shape of a session for `--json`, MCP structuredContent and library callers. */
export type { SessionSummary };

export interface SessionView extends SessionSummary {
  /** The latest turn, always present once a session has run. */
  lastTurn: TurnView | null;
  /** Why `resume` refuses this session (SESSION_NOT_RESUMABLE); null when it can be resumed. */
  cannotResume: string | null;
  /** Every turn in order; only with `full: true`. */
  transcript?: TurnView[];
}

export interface RunOptions {
  agent: string;
  prompt: string;
  name?: string;
  /** Default: the agent's `background`, else the config's default (true). */
  background?: boolean;
  executor?: string;
  model?: string;
  mode?: string;
  /**
   * Run the session in its own git worktree (branch `genie/<name>` under `.genie/worktrees/`);
   * default: the agent's `genie.worktree`, else the config's `defaults.worktree` (false).
   */
  worktree?: boolean;
  /** The commit, branch or tag the worktree's branch starts from (default HEAD); needs `worktree`. */
  base?: string;
  /** What the session may cost over all its turns (USD); claude also gets what is left of it per turn. */
  maxBudgetUsd?: number;
  /** Show a desktop notification when each turn ends (where the platform has a notifier). */
  notify?: boolean;
  /**
   * Called once, as soon as the session record exists (status `starting`), before any
   * event: lets a foreground caller show the session id and name at once.
   */
  onStart?: (session: SessionView) => void;
  /** Foreground only: called for each rendered event as it happens. */
  onEvent?: (event: TranscriptEvent) => void;
  /** Foreground only: abort stops the agent and records the session as `stopped`. */
  signal?: AbortSignal;
}

export interface ResumeOptions {
  /** Full id, unique id prefix (6+ chars) or friendly name. */
  session: string;
  prompt: string;
  background?: boolean;
  /**
   * Require the session to run in its own worktree (true) or in the workspace (false). A
   * session's directory never changes, so a mismatch is refused rather than honoured.
   */
  worktree?: boolean;
  /** Sets the session's budget (USD) from this turn on, e.g. to continue past the one it was given. */
  maxBudgetUsd?: number;
  /** Notify when this turn ends; default: what the session was started with. */
  notify?: boolean;
  /** Called once the new turn is recorded (`starting`), before any event; see RunOptions.onStart. */
  onStart?: (session: SessionView) => void;
  onEvent?: (event: TranscriptEvent) => void;
  signal?: AbortSignal;
}

export interface ViewOptions {
  session: string;
  full?: boolean;
}

export interface StopOptions {
  session: string;
  /** Kill at once instead of SIGTERM and the configured grace period (a second Ctrl-C). */
  force?: boolean;
}

export interface WaitOptions {
  session: string;
  /** Give up after this long and return the current state (status still running). */
  timeoutMs?: number;
  /** Called with each event of the running turn as it is written. */
  onEvent?: (event: TranscriptEvent) => void;
  signal?: AbortSignal;
}

export interface WaitResult extends SessionView {
  /** False when the timeout passed before the turn ended. */
  finished: boolean;
}

export interface ListSessionsOptions extends SessionFilter {}

/** Formats `exportSessions` writes. */
export type ExportFormat = 'v2-json';

export interface DiffOptions {
  session: string;
  /** A diffstat instead of the patch. */
  stat?: boolean;
}

/** What a worktree session changed against the commit its branch started from. */
export interface SessionDiff {
  sessionId: string;
  name: string | null;
  branch: string;
  /** The commit the branch was made from. */
  base: string;
  worktree: string;
  /** Paths that differ (committed on the branch or not yet committed in the worktree). */
  files: string[];
  /** The unified diff (or diffstat with `stat`), as git prints it. */
  diff: string;
}

export interface MergeOptions {
  session: string;
  /** Commit uncommitted work in the worktree onto the session's branch first (else it is refused). */
  commit?: boolean;
}

export interface MergeReport {
  sessionId: string;
  name: string | null;
  branch: string;
  /** The branch merged into: the one checked out in `repository` (`HEAD` when detached). */
  into: string;
  repository: string;
  /** Commits of the branch that were not yet in `into`. */
  commits: number;
  merged: boolean;
  /** Nothing to merge: `into` already holds every commit of the branch. */
  alreadyMerged: boolean;
  /** The repository's HEAD commit afterwards. */
  head: string;
}

export interface CleanOptions {
  /** Report what would be removed; remove nothing. */
  dryRun?: boolean;
  /** Also remove worktrees with uncommitted changes or unmerged commits (never one whose turn is running). */
  force?: boolean;
}

export interface CleanedWorktree {
  sessionId: string;
  name: string | null;
  worktree: string;
  branch: string;
  /** Why it was kept, or, for one removed with `force`, what was discarded. */
  reasons: string[];
}

export interface CleanReport {
  dryRun: boolean;
  /** Removed (or, with dryRun, would be removed). */
  removed: CleanedWorktree[];
  kept: CleanedWorktree[];
}

export interface MigrateReport {
  /** The store of this workspace. */
  file: string;
  /** The predecessor's file its sessions are (or would be) imported from; null when the store itself is migrated, or nothing is. */
  source: string | null;
  fromVersion: number;
  toVersion: number;
  migrated: boolean;
  dryRun: boolean;
  sessions: number;
  backupFile: string | null;
  warnings: string[];
}

export interface CopyToTeamOptions {
  /** The team database: postgres://user@host:5432/db */
  to: string;
  /** The project to copy into (default: storage.project, else the repository's origin remote). */
  project?: string;
  /** Report what would be copied; write nothing. */
  dryRun?: boolean;
}

/** What `migrate --to` copied into a team database. */
export interface CopyToTeamReport {
  /** The local store, which is only read. */
  from: string;
  to: string;
  project: string;
  dryRun: boolean;
  /** Sessions in the local store. */
  sessions: number;
  /** Sessions the database did not have. */
  copied: number;
  /** Sessions whose local record was newer than the database's. */
  updated: number;
  unchanged: number;
  /** Event log lines copied. */
  logLines: number;
  warnings: string[];
}

export interface DoctorReport {
  workspace: string;
  executors: Array<{ id: string; installed: boolean; command: string; path?: string; version?: string; error?: string }>;
  store: {
    location: string;
    healthy: boolean;
    sessions: number;
    problem: string | null;
    /**
     * What kind of problem: `STORE_CORRUPT` (damaged; `repair` restores the backup) or
     * `STORE_VERSION_UNSUPPORTED` (written by a newer genie; upgrade, never repair). Null when healthy.
     */
    problemCode: 'STORE_CORRUPT' | 'STORE_VERSION_UNSUPPORTED' | null;
    backupAvailable: boolean;
    /** Sessions whose event log is here but whose record the store lacks; `repair` brings them back from their logs. */
    sessionsOnlyInLogs: number;
    repaired: boolean;
    /** What the repair did, for a person; null when nothing was repaired. */
    repairSummary: string | null;
  };
  reconciled: Array<{ sessionId: string; name: string | null; from: SessionStatus; to: SessionStatus }>;
  /**
   * How the next turn's processes are held together, so `stop` ends every one of them:
   * `cgroup`, `pid-namespace`, `subreaper` or `process-group` (strongest first; see the
   * README's reliability section), with every option and why it is or is not available.
   */
  containment: {
    kind: 'cgroup' | 'pid-namespace' | 'subreaper' | 'process-group';
    forced: boolean;
    problem: string | null;
    options: Array<{ kind: string; available: boolean; detail: string }>;
  };
}

export interface InitReport {
  workspace: string;
  created: string[];
  skipped: string[];
}

/** The genie library. Obtain one with `openGenie()`; close it when done. */
/** `genie worker`: which turns it takes and how many at once. */
export interface WorkerOptions {
  /** At most this many of its turns run at once (default 2). */
  concurrency?: number;
  /** What this host offers (`gpu`, ...): it takes turns of agents that require only labels it has. */
  labels?: string[];
  /** How often an idle worker looks for turns (default 500 ms). */
  pollMs?: number;
  /** Aborting it stops the worker taking turns; those running go on under their supervisors. */
  signal?: AbortSignal;
  /** Once it is registered and listening. */
  onReady?: (ready: { host: string; labels: string[]; concurrency: number; queues: string[]; location: string }) => void;
  /** Each turn it started. */
  onTurn?: (turn: WorkerTurn) => void;
}

export interface WorkerTurn {
  sessionId: string;
  name: string | null;
  turn: number;
  status: string;
}

export interface WorkerReport {
  host: string;
  /** Turns this worker started. */
  started: number;
  /** Of them, still running when it stopped (under their own supervisors). */
  stillRunning: number;
}

export interface Genie {
  /** Absolute path of the workspace directory (the one holding `.genie/`, or where it will be created). */
  readonly workspace: string;
  /** The validated `.genie/config.yaml` with defaults applied (type defined in src/config/). */
  readonly config: GenieConfig;
  listAgents(options?: { includeHidden?: boolean }): Promise<AgentSummary[]>;
  /** The agent files and folders left out of listAgents because they are broken or unreadable. */
  agentProblems(): Promise<AgentProblem[]>;
  listSessions(options?: ListSessionsOptions): Promise<SessionSummary[]>;
  /**
   * The same sessions as the JSON document `{"sessions":[...]}` (no trailing newline), in
   * parts to write in order: joined, byte for byte `JSON.stringify({ sessions: await
   * listSessions(options) })`. Each part is rendered when it is asked for, so a writer holds
   * one part of a long list at a time, never the whole document. Iterate it once.
   */
  listSessionsJson(options?: ListSessionsOptions): Promise<Iterable<string>>;
  /** Background: returns once the record is `starting`. Foreground: returns when the turn ends. */
  run(options: RunOptions): Promise<SessionView>;
  resume(options: ResumeOptions): Promise<SessionView>;
  view(options: ViewOptions): Promise<SessionView>;
  /** `force` skips the grace period: SIGKILL at once to every process of the session. */
  stop(options: StopOptions): Promise<SessionView>;
  wait(options: WaitOptions): Promise<WaitResult>;
  /** Streams rendered events of a session, starting with every event already logged, until its running turn ends. */
  follow(options: { session: string; fromStart?: boolean; signal?: AbortSignal }): AsyncIterable<TranscriptEvent>;
  /** A worktree session's changes against its base (committed and uncommitted). */
  diff(options: DiffOptions): Promise<SessionDiff>;
  /** Merges a worktree session's branch into the repository's current branch; a conflict changes nothing. */
  merge(options: MergeOptions): Promise<MergeReport>;
  /** Removes worktrees of ended sessions whose work is merged (`force`: also unmerged ones). */
  clean(options?: CleanOptions): Promise<CleanReport>;
  migrate(options?: { dryRun?: boolean }): Promise<MigrateReport>;
  /** Every session record as a document of `format` (default `v2-json`, the predecessor's sessions.json). */
  exportSessions(options?: { format?: ExportFormat }): Promise<Buffer>;
  /** Copies this workspace's sessions and event logs into a team database; the local store is only read. */
  copyToTeam(options: CopyToTeamOptions): Promise<CopyToTeamReport>;
  doctor(options?: { repair?: boolean }): Promise<DoctorReport>;
  /** Takes queued turns of the team database and runs them here until `signal` aborts (`genie worker`). */
  work(options: WorkerOptions): Promise<WorkerReport>;
  init(): Promise<InitReport>;
  close(): Promise<void>;
}
