import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LaunchContext } from '@genie/launcher';
import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import { openStorage, openTeamEventLog, type SessionStorage, type StorageSpec, type TeamEventLog } from '@genie/storage';
import { AgentCatalog } from './agents/agent-catalog';
import { pause } from './sessions/pause';
import { TeamLogCopies } from './sessions/team-log-copies';
import type { GenieConfig } from './config/genie-config';
import { projectIdentity } from './workspace/project-identity';
import type { WorkspacePaths } from './workspace/workspace-paths';

/** Everything an operation needs, shared by the operations of one open Genie. */
export class GenieContext {
  private storagePromise: Promise<SessionStorage> | undefined;
  private teamLog: { events: TeamEventLog; copies: TeamLogCopies } | undefined;
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

  storageSpec(): StorageSpec {
    const databaseUrl = this.env.GENIE_DATABASE_URL || undefined;
    if (databaseUrl !== undefined || this.config.storage.adapter === 'postgres') {
      const url = databaseUrl ?? this.config.storage.url;
      if (url === undefined) {
        throw new GenieError('CONFIG_INVALID', `${this.paths.configFile}: storage.adapter is postgres, but no database URL is given.`, {
          hint: 'Set storage.url (postgres://user@host:5432/db) in the config, or the GENIE_DATABASE_URL environment variable.',
          details: { file: this.paths.configFile, key: 'storage.url' },
        });
      }
      return { kind: 'postgres', url, project: this.config.storage.project ?? projectIdentity(this.paths.root, this.host()) };
    }
    if (this.config.storage.adapter === 'memory') return { kind: 'memory' };
    const file = this.config.storage.path ? resolve(this.paths.root, this.config.storage.path) : this.paths.sessionsFile;
    return {
      kind: 'json',
      file,
      ...(this.config.storage.lockTimeoutMs !== undefined ? { lockTimeoutMs: this.config.storage.lockTimeoutMs } : {}),
    };
  }

  /** Opened on first use, so commands that never touch sessions never read the store. */
  storage(): Promise<SessionStorage> {
    this.storagePromise ??= Promise.resolve().then(() =>
      openStorage(this.storageSpec(), { onWarning: this.warn, defaultExecutor: this.config.defaults.executor }),
    );
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
    };
  }

  /** Logs sit beside a custom store file, so a moved store keeps its transcripts. */
  logsDir(): string {
    const spec = this.storageSpec();
    return spec.kind === 'json' && this.config.storage.path ? join(dirname(spec.file), 'logs') : this.paths.logsDir;
  }

  /** The team database's event logs, when the store is one (PostgreSQL); opened on first use. */
  private team(): { events: TeamEventLog; copies: TeamLogCopies } | undefined {
    if (this.teamLog) return this.teamLog;
    const spec = this.storageSpec();
    if (spec.kind !== 'postgres') return undefined;
    const events = openTeamEventLog(spec.url, spec.project);
    this.teamLog = { events, copies: new TeamLogCopies(events, join(this.logsDir(), 'team'), this.host()) };
    return this.teamLog;
  }

  /**
   * The record with a `logFile` this host can read: its own for a turn that ran here;
   * for one that ran on another host of a team, a local copy of the log in the database.
   */
  async readableLog(entry: SessionEntry): Promise<SessionEntry> {
    return (await this.team()?.copies.readable(entry)) ?? entry;
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

  async close(): Promise<void> {
    const pending = this.storagePromise;
    this.storagePromise = undefined;
    const team = this.teamLog;
    this.teamLog = undefined;
    await team?.events.close();
    if (pending) await (await pending).close();
  }
}
