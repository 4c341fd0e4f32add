import type { SessionEntry } from '@genie/session-schema';
import type { CreateOptions, SessionStorage, StorageSpec } from '@genie/storage';
import type { ExecutorSettings } from '../executors/executor';
import type { TurnEndHooks } from '../hooks/turn-end-hooks';

/** What the launcher needs from its caller to start, stop and reconcile turns. */
export interface LaunchContext {
  storage: SessionStorage;
  /** The same store, described so a detached supervisor process can open it. */
  storageSpec: StorageSpec;
  /** Directory of the per-session event logs (`.genie/state/agents/logs`). */
  logsDir: string;
  /** Default: os.hostname(). Records of other hosts are never reconciled or signalled. */
  host?: string;
  /** Environment the executor runs with. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** How long stop waits after SIGTERM before SIGKILL. Default 5000. */
  graceMs?: number;
  /** How long an executor may outlive its final result. Default 30000. */
  hangGuardMs?: number;
  /** Team stores: how long a turn's lease lasts without renewal before it is lost to every host. Default 30000. */
  leaseMs?: number;
}

/** One turn to run. Whether it resumes is derived from the record (turns > 0). */
export interface TurnPlan {
  sessionId: string;
  /** Launcher executor id: `claude`, `codex` or `command`. */
  executor: string;
  prompt: string;
  settings: ExecutorSettings;
  /** Agent instructions; they reach the agent (flag, preamble or file), never dropped. */
  instructions?: string;
  cwd: string;
  /** Run when the turn has ended and its outcome is recorded (both foreground and background). */
  hooks?: TurnEndHooks;
  /**
   * Whether the turn runs in the background, recorded in the same write that claims the turn:
   * once the turn has started, no further write can turn the command into an error.
   */
  background?: boolean;
  /**
   * A session that does not exist yet: it is created already claimed for this first turn,
   * in the same atomic write, so no reader ever sees it `starting` without a turn.
   */
  create?: { entry: SessionEntry; options?: CreateOptions };
  /**
   * The queue job (`genie worker`) this turn was queued as: the turn is claimed only while
   * the record is still `queued` for this job, in the same atomic write, so a job handed out
   * twice, or stopped meanwhile, never runs.
   */
  queuedJob?: string;
}

export const DEFAULT_GRACE_MS = 5_000;
export const DEFAULT_HANG_GUARD_MS = 30_000;
