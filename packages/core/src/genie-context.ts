import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { processProbe, type LaunchContext } from '@genie/launcher';
import { openStorage, storageSpecFromConfig, type OpenOptions, type SessionStorage, type StorageSpec } from '@genie/storage';
import { AgentCatalog } from './agents/agent-catalog';
import type { GenieConfig } from './config/genie-config';
import type { WorkspacePaths } from './workspace/workspace-paths';

/** Everything an operation needs, shared by the operations of one open Genie. */
export class GenieContext {
  private storagePromise: Promise<SessionStorage> | undefined;
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

  /** The store the configuration names, described through the adapter registry. */
  storageSpec(): StorageSpec {
    return storageSpecFromConfig(this.config.storage, { root: this.paths.root, stateDir: join(this.paths.genieDir, 'state') });
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
      host: hostname(),
      env: this.env,
      graceMs: this.config.stop.graceMs,
      hangGuardMs: this.config.hangGuard.ms,
    };
  }

  /** Logs sit beside a custom store file, so a moved store keeps its transcripts. */
  logsDir(): string {
    const path = this.config.storage.path;
    return path && this.config.storage.adapter !== 'memory' ? join(dirname(resolve(this.paths.root, path)), 'logs') : this.paths.logsDir;
  }

  async close(): Promise<void> {
    const pending = this.storagePromise;
    this.storagePromise = undefined;
    if (pending) await (await pending).close();
  }
}
