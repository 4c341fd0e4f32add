import type { SessionEntry } from '@genie/session-schema';
import type { SessionStorage, StorageCapabilities, StorageSpec } from '../session-storage';

/**
 * Tells whether a process still runs. Storage does not read /proc itself (processes are the
 * launcher's concern); an adapter whose lock records its holder gets this check from the
 * caller, and without one treats a holder as alive while `kill(pid, 0)` finds it.
 */
export interface ProcessProbe {
  /** Opaque token of one incarnation of `pid` (a reused pid gets another); null when unknown. */
  startTime(pid: number): string | null;
  /** True when `pid` runs and, with a `startTime`, is still the incarnation it was taken from. */
  isAlive(pid: number, startTime?: string | null): boolean;
}

export interface OpenOptions {
  /** One-time notices (an import or migration of an older store); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
  /** Executor recorded on imported or migrated records that name none. */
  defaultExecutor?: string;
  processProbe?: ProcessProbe;
  /**
   * The store was in use moments ago (a turn's supervisor opens the store its launcher just
   * wrote): a database server that cannot be reached at first is waited for, as it is on
   * every later call, instead of being reported at once.
   */
  waitForServer?: boolean;
}

/** The `storage` section of `.genie/config.yaml`, as validated by core. */
export interface StorageConfig {
  adapter: string;
  /** Where the store lives, relative to the workspace; each adapter has its own default. */
  path?: string;
  lockTimeoutMs?: number;
  readonly [field: string]: unknown;
}

/** Where a workspace keeps its state, for adapters to place their files. */
export interface WorkspaceLocation {
  root: string;
  /** `.genie/state` of the workspace. */
  stateDir: string;
}

/** What `genie doctor` reports about a store; nothing is modified to find out. */
export interface StoreInspection {
  location: string;
  /** The version of the store's format, and the newest this genie reads; null when unknown. */
  version: number | null;
  supportedVersion: number;
  /** Usable as it is (an absent store is a healthy empty one; an older version is migratable). */
  healthy: boolean;
  /** Number of sessions, when the store is usable. */
  sessions: number | null;
  /** Why the store is not usable; null when healthy. */
  problem: string | null;
  problemCode: 'STORE_CORRUPT' | 'STORE_VERSION_UNSUPPORTED' | null;
  /** Whether `repair` has something to rebuild the store from. */
  repairable: boolean;
}

export interface StoreRepair {
  /** Where the damaged store was kept; null when there was nothing to keep. */
  damagedCopy: string | null;
  /** What the store was rebuilt from (`sessions.json.bak`, the event logs). */
  restoredFrom: string;
  /** One line for a person: what was done. */
  summary: string;
  sessions: number;
}

/** What `genie migrate` does (or would do, with `dryRun`) to bring an older store up to date. */
export interface StoreMigration {
  location: string;
  /** The store it came from: a file of the predecessor, or the store itself at an older version. */
  source: string | null;
  fromVersion: number | null;
  toVersion: number;
  migrated: boolean;
  sessions: number;
  /** Where the original bytes are (or would be) kept; null when nothing moves. */
  backupFile: string | null;
  warnings: string[];
}

export interface MaintenanceContext {
  defaultExecutor?: string;
  processProbe?: ProcessProbe;
  /** Where each session's event log lives. */
  logsDir?: string;
  /** A record rebuilt from each session's event log, for a repair to restore what the store lost. */
  recordsFromLogs?: () => SessionEntry[];
}

/** Upkeep an adapter may offer; `doctor` and `migrate` use what is there. */
export interface StorageMaintenance<Spec extends StorageSpec = StorageSpec> {
  inspect(spec: Spec, context: MaintenanceContext): Promise<StoreInspection>;
  repair?(spec: Spec, context: MaintenanceContext): Promise<StoreRepair>;
  migrate?(spec: Spec, context: MaintenanceContext & { dryRun: boolean }): Promise<StoreMigration>;
}

/**
 * One storage adapter: a file that defines it, one line in the registry, and a conformance
 * test. Core, the CLI and the background supervisor all open stores through the registry.
 */
export interface StorageAdapter<Spec extends StorageSpec = StorageSpec> {
  readonly kind: Spec['kind'];
  readonly capabilities: StorageCapabilities;
  /** The spec a workspace's configuration describes; throws INVALID_INPUT for a bad section. */
  specFromConfig(config: StorageConfig, workspace: WorkspaceLocation): Spec;
  /** Opens the store (a heavy driver is loaded here, lazily); throws INVALID_INPUT for a bad spec. */
  open(spec: Spec, options?: OpenOptions): Promise<SessionStorage>;
  readonly maintenance?: StorageMaintenance<Spec>;
}
