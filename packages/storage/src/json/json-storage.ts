import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CURRENT_STORE_VERSION, emptyStore, toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import type { ProcessProbe } from '../registry/storage-adapter';
import { planCreate, planUpdate } from '../session-changes';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { storageClosed } from '../storage-closed';
import { replaceStoreFile, writeFileOnce } from './atomic-write';
import { StoreDocument, type StoreChange } from './store-document';
import { storeIoError, unusableStoreError } from './store-errors';
import { examineStoreBytes, type StoreExamination } from './store-examination';
import { readStoreFile } from './store-file';
import { acquireStoreLock } from './store-lock';
import { storePaths, type StorePaths } from './store-paths';

export interface JsonStorageOptions {
  /** How long a write waits for another process's lock before LOCK_TIMEOUT. Default 30 s. */
  lockTimeoutMs?: number;
  /** Receives one-time notices (a migration of an old file); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
  /** Executor recorded on migrated entries that name none. */
  defaultExecutor?: string;
  /** Tells whether the holder of the lock still runs, so a dead holder's lock is taken over at once. */
  processProbe?: ProcessProbe;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

type Examined = Extract<StoreExamination, { ok: true }>;

interface Plan<T> {
  change?: StoreChange;
  result: T;
}

/**
 * Every operation reads the file afresh: the file is the only truth, shared with other
 * processes and with users' scripts, and a cache keyed on anything but the content would
 * serve a version another writer already replaced.
 */
class JsonStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  readonly location: string;
  private readonly paths: StorePaths;
  private readonly lockTimeoutMs: number;
  private closed = false;
  private directoryReady = false;
  /** Writers of this process queue here, so they do not poll the file lock against each other. */
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(
    file: string,
    private readonly options: JsonStorageOptions,
  ) {
    this.location = file;
    this.paths = storePaths(file);
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  }

  async get(sessionId: string): Promise<SessionEntry | undefined> {
    return (await this.readDocument()).table.get(sessionId);
  }

  async findByName(name: string): Promise<SessionEntry | undefined> {
    return (await this.readDocument()).table.findByName(name);
  }

  async list(filter?: SessionFilter): Promise<SessionEntry[]> {
    return (await this.readDocument()).table.list(filter);
  }

  /** Rendered from the records: the file keeps records only, as the predecessor's did. */
  async listSummaries(filter?: SessionFilter): Promise<SessionSummary[]> {
    return (await this.list(filter)).map(toSessionSummary);
  }

  create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry> {
    return this.mutate((document) => {
      const stored = planCreate(document.table, entry, options);
      return { change: { put: stored }, result: stored };
    });
  }

  update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    return this.mutate((document) => {
      const stored = planUpdate(document.table, sessionId, mutate);
      return { change: { put: stored }, result: stored };
    });
  }

  delete(sessionId: string): Promise<boolean> {
    return this.mutate((document) => {
      if (!document.table.get(sessionId)) return { result: false };
      return { change: { remove: sessionId }, result: true };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The committed store, without taking the lock; an old-version file is migrated first. */
  private async readDocument(): Promise<StoreDocument> {
    if (this.closed) throw storageClosed(this.location);
    const bytes = this.readBytes();
    if (bytes === null) return new StoreDocument(emptyStore());
    const examination = this.examine(bytes);
    if (!needsRewrite(examination)) return new StoreDocument(examination.store);
    await this.mutate(() => ({ result: undefined }));
    return this.readDocument();
  }

  private readBytes(): Buffer | null {
    try {
      return readStoreFile(this.location);
    } catch (error) {
      throw storeIoError('read the session store', this.location, error);
    }
  }

  private examine(bytes: Buffer): Examined {
    const examination = examineStoreBytes(bytes, this.options);
    if (!examination.ok) throw unusableStoreError(this.location, examination);
    return examination;
  }

  private mutate<T>(plan: (document: StoreDocument) => Plan<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.mutateLocked(plan));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async mutateLocked<T>(plan: (document: StoreDocument) => Plan<T>): Promise<T> {
    if (this.closed) throw storageClosed(this.location);
    this.prepareDirectory();
    const lock = await acquireStoreLock(this.paths.lockDir, this.lockTimeoutMs, this.options.processProbe, this.options.onWarning);
    try {
      const { document, existed } = this.committedDocument();
      const { change, result } = plan(document);
      if (change) this.replace(document.render(change), existed);
      return result;
    } finally {
      lock.release();
    }
  }

  /** Under the lock: the latest committed store, migrating an old-version file once. */
  private committedDocument(): { document: StoreDocument; existed: boolean } {
    const bytes = this.readBytes();
    if (bytes === null) return { document: new StoreDocument(emptyStore()), existed: false };
    const examination = this.examine(bytes);
    const document = new StoreDocument(examination.store);
    if (!needsRewrite(examination)) return { document, existed: true };
    const keptAs = this.paths.migrationBackup(examination.fromVersion);
    try {
      writeFileOnce(keptAs, bytes);
    } catch (error) {
      throw storeIoError('keep the original session store as', keptAs, error);
    }
    this.replace(document.render(), true);
    this.warnMigrated(examination, keptAs, document.table.size);
    return { document, existed: true };
  }

  private replace(bytes: Buffer, keepBackup: boolean): void {
    try {
      replaceStoreFile(this.paths, bytes, { keepBackup });
    } catch (error) {
      throw storeIoError('write the session store', this.location, error);
    }
  }

  private warnMigrated(outdated: Examined, keptAs: string, sessions: number): void {
    const notes = outdated.warnings.length > 0 ? ` Notes: ${outdated.warnings.join('; ')}` : '';
    const what =
      outdated.fromVersion === CURRENT_STORE_VERSION
        ? `Repaired ${this.location}`
        : `Migrated ${this.location} from version ${outdated.fromVersion} to ${CURRENT_STORE_VERSION}`;
    this.options.onWarning?.(`${what} (${sessions} sessions); the original is kept as ${keptAs}.${notes}`);
  }

  private prepareDirectory(): void {
    if (this.directoryReady) return;
    try {
      mkdirSync(dirname(this.location), { recursive: true });
    } catch (error) {
      throw storeIoError('create the directory of', this.location, error);
    }
    this.directoryReady = true;
  }
}

/** An older version, or a current one the migration had to clean up, is rewritten once under the lock. */
function needsRewrite(examination: Examined): boolean {
  return examination.migrated || examination.fromVersion !== CURRENT_STORE_VERSION;
}

/**
 * The JSON store: a pretty-printed `sessions.json` (version 2, the predecessor's format) that
 * any number of processes share safely. Opening does no I/O; the first operation reads the file.
 */
export function openJsonStorage(file: string, options: JsonStorageOptions = {}): SessionStorage {
  return new JsonStorage(file, options);
}
