import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GenieError } from '@genie/errors';
import { DEFAULT_LEASE_MS, processProbe, type LaunchContext } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import {
  openStorage,
  openTeamEventLog,
  storageSpecFromConfig,
  type OpenOptions,
  type SessionStorage,
  type StorageConfig,
  type StorageSpec,
  type TeamEventLog,
} from '@genie/storage';
import { AgentCatalog } from './agents/agent-catalog';
import type { GenieConfig } from './config/genie-config';
import { openTeamDispatch, type TeamDispatch } from './queue/team-dispatch';
import { pause } from './sessions/pause';
import { TeamLogCopies } from './sessions/team-log-copies';
import { projectIdentity } from './workspace/project-identity';
import type { WorkspacePaths } from './workspace/workspace-paths';

/** Everything an operation needs, shared by the operations of one open Genie. */
export class GenieContext {
  private storagePromise: Promise<SessionStorage> | undefined;
  private teamLog: { events: TeamEventLog; copies: TeamLogCopies } | undefined;
  private dispatch: TeamDispatch | undefined;
  private readonly agentWarnings = new Set<string>();

  constructor(
    readonly paths: WorkspacePaths,
    readonly config: GenieConfig,
    readonly env: NodeJS.ProcessEnv,
    readonly warn: (message: string) => void,
  ) {}

  get workspace(): string {
    return this.paths.root;
  }

  /**
   * Re-read on every call: agent files change while a long-lived server runs. Each
   * skipped file is warned about once per open Genie, not on every call.
   */
  agents(): AgentCatalog {
    return AgentCatalog.load(this.paths.agentsDir, (message) => {
      if (this.agentWarnings.has(message)) return;
      this.agentWarnings.add(message);
      this.warn(message);
    });
  }

  /** This host's name in session records: `GENIE_HOST_ID` when set (one machine acting as several), else the hostname. */
  host(): string {
    return this.env.GENIE_HOST_ID || hostname();
  }

  /**
   * The `storage` section, with what only the workspace knows filled in for a team
   * database: `GENIE_DATABASE_URL` (which selects it, too) and the workspace's project.
   */
  private storageConfig(): StorageConfig {
    const storage = this.config.storage;
    const databaseUrl = this.env.GENIE_DATABASE_URL || undefined;
    if (databaseUrl === undefined && storage.adapter !== 'postgres') return storage;
    const url = databaseUrl ?? storage.url;
    if (url === undefined) {
      throw new GenieError('CONFIG_INVALID', `${this.paths.configFile}: storage.adapter is postgres, but no database URL is given.`, {
        hint: 'Set storage.url (postgres://user@host:5432/db) in the config, or the GENIE_DATABASE_URL environment variable.',
        details: { file: this.paths.configFile, key: 'storage.url' },
      });
    }
    return { ...storage, adapter: 'postgres', url, project: storage.project ?? projectIdentity(this.paths.root, this.host()) };
  }

  /** The store the configuration names, described through the adapter registry. */
  storageSpec(): StorageSpec {
    return storageSpecFromConfig(this.storageConfig(), { root: this.paths.root, stateDir: join(this.paths.genieDir, 'state') });
  }

  /** What every store this context opens is told: where notices go, and how to tell a live process. */
  storageOptions(): OpenOptions {
    return { onWarning: this.warn, defaultExecutor: this.config.defaults.executor, processProbe };
  }

  /** Opened on first use, so commands that never touch sessions never read the store. */
  storage(): Promise<SessionStorage> {
    this.storagePromise ??= Promise.resolve().then(() => openStorage(this.storageSpec(), this.storageOptions()));
    return this.storagePromise;
  }

  async launchContext(): Promise<LaunchContext> {
    return {
      storage: await this.storage(),
      storageSpec: this.storageSpec(),
      logsDir: this.logsDir(),
      host: this.host(),
      env: this.env,
      graceMs: this.config.stop.graceMs,
      hangGuardMs: this.config.hangGuard.ms,
      ...(this.config.storage.leaseMs === undefined ? {} : { leaseMs: this.config.storage.leaseMs }),
    };
  }

  /** Logs sit beside a custom store file, so a moved store keeps its transcripts. */
  logsDir(): string {
    const path = this.config.storage.path;
    return path && this.config.storage.adapter !== 'memory' ? join(dirname(resolve(this.paths.root, path)), 'logs') : this.paths.logsDir;
  }

  /** The team database's event logs, when the store is one (PostgreSQL); opened on first use. */
  private team(): { events: TeamEventLog; copies: TeamLogCopies } | undefined {
    if (this.teamLog) return this.teamLog;
    const spec = this.storageSpec();
    if (spec.kind !== 'postgres') return undefined;
    const events = openTeamEventLog(String(spec.url), typeof spec.project === 'string' ? spec.project : undefined);
    this.teamLog = { events, copies: new TeamLogCopies(events, join(this.logsDir(), 'team'), this.host()) };
    return this.teamLog;
  }

  /**
   * The logs directory where this host can read the session's event log: its own for a
   * turn that ran here; for one that ran on another host of a team, the directory of the
   * local copies of logs in the database (this one's brought up to date first).
   */
  async readableLogs(entry: SessionEntry): Promise<string> {
    return (await this.team()?.copies.readableDir(entry, this.logsDir())) ?? this.logsDir();
  }

  /**
   * Waits until the session may have changed: in a team, until its record or log changes
   * on any host (LISTEN/NOTIFY), at most `maxMs`; on one host, `pollMs`.
   */
  async waitForChange(sessionId: string, pollMs: number, maxMs: number, signal?: AbortSignal): Promise<void> {
    const team = this.team();
    if (team) await team.events.waitForChange(sessionId, maxMs, signal);
    else await pause(pollMs, signal);
  }

  /** Starts listening for changes in a team before the first read, so none after it is missed. */
  async listenForChanges(): Promise<void> {
    await this.team()?.events.listen();
  }

  /**
   * Whether `run` and `resume` queue their turns for `genie worker`s (`storage.dispatch:
   * queue`) instead of running them here. Only a team store has a queue.
   */
  queueMode(): boolean {
    if (this.config.storage.dispatch !== 'queue') return false;
    const spec = this.storageSpec();
    if (spec.kind !== 'postgres') {
      throw new GenieError('CONFIG_INVALID', `${this.paths.configFile}: storage.dispatch is queue, but the ${spec.kind} store has no queue.`, {
        hint: 'Use storage.adapter: postgres (a team database), or set storage.dispatch to here.',
        details: { file: this.paths.configFile, key: 'storage.dispatch' },
      });
    }
    return true;
  }

  /** The team's turn queue and worker registry, opened on first use; `maintain` for a worker. */
  teamDispatch(what: string, maintain = false): TeamDispatch {
    this.dispatch ??= openTeamDispatch(this.storageSpec(), { maintain, what });
    return this.dispatch;
  }

  /** How long a worker (or a turn's lease) may go without renewal before it is taken for gone. */
  leaseMs(): number {
    return this.config.storage.leaseMs ?? DEFAULT_LEASE_MS;
  }

  async close(): Promise<void> {
    const dispatch = this.dispatch;
    this.dispatch = undefined;
    await dispatch?.close();
    const pending = this.storagePromise;
    this.storagePromise = undefined;
    const team = this.teamLog;
    this.teamLog = undefined;
    await team?.events.close();
    if (pending) await (await pending).close();
  }
}
