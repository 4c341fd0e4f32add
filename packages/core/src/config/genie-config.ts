import type { ExecutorSettings } from '@genie/launcher';

/** Executor settings that config, modes and agents may each set; later layers win. */
type LayeredSettingKey = 'model' | 'permissionMode' | 'sandbox' | 'reasoningEffort' | 'allowedTools' | 'disallowedTools' | 'extraArgs';

/**
 * Settings a config gives one executor (`executors.<id>` in config.yaml): the layered
 * ones plus its `binary`, and `runArgs`/`resumeArgs`. An id that is not a built-in
 * executor and has `runArgs` is a custom agent CLI driven by the `command` executor.
 */
export type ExecutorConfig = Pick<ExecutorSettings, LayeredSettingKey | 'binary' | 'runArgs' | 'resumeArgs'>;

/** A named bundle of executor settings (`modes.<name>`), chosen by `--mode` or an agent's `genie.mode`. */
export interface ModeConfig extends Pick<ExecutorSettings, LayeredSettingKey> {
  executor?: string;
  background?: boolean;
}

/** `.genie/config.yaml` after validation, with every default applied. */
export interface GenieConfig {
  defaults: {
    /** Executor of agents that name none (default `claude`). */
    executor: string;
    /** Whether `run` returns at once (default true). */
    background: boolean;
    /** Mode applied when neither the agent nor the caller names one. */
    mode?: string;
    /** Every session gets its own git worktree unless the agent or the caller says otherwise (default false). */
    worktree?: boolean;
  };
  executors: Record<string, ExecutorConfig>;
  modes: Record<string, ModeConfig>;
  storage: {
    /** A kind in the storage registry of @genie/storage. */
    adapter: 'sqlite' | 'json' | 'memory' | 'postgres';
    /** Store file, relative to the workspace (default `.genie/state/genie.db`; json: `.genie/state/agents/sessions.json`). */
    path?: string;
    /** postgres: the database URL (`GENIE_DATABASE_URL` overrides it). */
    url?: string;
    /**
     * postgres: which project of the database this workspace's sessions belong to (default:
     * the repository's `origin` remote, so every checkout of it, on any host, is one project).
     */
    project?: string;
    /**
     * postgres: how long a running turn of another host may go without renewing its lease
     * before every host takes it for lost (default 30000; renewed every sixth of it).
     */
    leaseMs?: number;
    /**
     * postgres: where `run` and `resume` run a turn. `here` (the default): on this host, at
     * once. `queue`: the turn is queued in the database for a `genie worker` (of any host, or
     * of the host that owns the session for a resume) and the command returns.
     */
    dispatch?: 'here' | 'queue';
    lockTimeoutMs?: number;
  };
  stop: { graceMs: number };
  hangGuard: { ms: number };
  hooks: {
    /** Commands (argv) run when any turn ends: the session as JSON on stdin, GENIE_SESSION_ID and GENIE_STATUS set. */
    turnEnd: string[][];
    /** How long one hook may run before it is killed (default 30000). */
    timeoutMs: number;
  };
  mcp: {
    /** Offer the built-in `shell` agent (arbitrary commands) to MCP clients. */
    allowShell: boolean;
  };
}

export const DEFAULT_CONFIG: GenieConfig = {
  defaults: { executor: 'claude', background: true },
  executors: {},
  modes: {},
  storage: { adapter: 'sqlite' },
  stop: { graceMs: 5000 },
  hangGuard: { ms: 30_000 },
  hooks: { turnEnd: [], timeoutMs: 30_000 },
  mcp: { allowShell: false },
};
