import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION, emptyStore, type SessionEntry } from '@genie/session-schema';
import { planCreate, planUpdate } from '../session-changes';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { storageClosed } from '../storage-closed';
import { replaceStoreFile, writeFileOnce } from './atomic-write';
import { StoreDocument, type StoreChange } from './store-document';
import { storeIoError, unusableStoreError } from './store-errors';
import { examineStoreBytes, type StoreExamination } from './store-examination';
import { readListing, readListingBytes, writeListing } from './listing-file';
import { readStoreFile, sameFileKey, statStoreFile, type FileKey } from './store-file';
import { spliceListing, StoreListing } from './store-listing';
import { acquireStoreLock } from './store-lock';
import { storePaths, type StorePaths } from './store-paths';

export interface JsonStorageOptions {
  /** How long a write waits for another process's lock before LOCK_TIMEOUT. Default 30 s. */
  lockTimeoutMs?: number;
  /** Receives one-time notices (a migration of an old file); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
  /** Executor recorded on migrated entries that name none. */
  defaultExecutor?: string;
  /**
   * From this store size on, listing sessions keeps a listing beside the store (see
   * store-listing.ts), so the next list copies bytes instead of parsing every session.
   * Default 256 KiB, about 250 sessions.
   */
  listingMinBytes?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;
export const DEFAULT_LISTING_MIN_BYTES = 256 * 1024;

/** The last version of the file this process saw, parsed, or why it could not be used. */
type CachedState =
  | { key: FileKey | null; document: StoreDocument }
  | { key: FileKey; outdated: Extract<StoreExamination, { ok: true }>; bytes: Buffer }
  | { key: FileKey; error: GenieError };

interface Plan<T> {
  change?: StoreChange;
  result: T;
}

class JsonStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  readonly location: string;
  private readonly paths: StorePaths;
  private readonly lockTimeoutMs: number;
  private cache: CachedState | null = null;
  /** The last listing this process read or made; checked against the store before each use. */
  private listing: StoreListing | null = null;
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
    // Reconciliation asks for the active sessions only; a listing holds those in full.
    if (filter?.status !== undefined) {
      const entries = this.listingUnlessParsed()?.activeEntries(filter);
      if (entries) return entries;
    }
    return (await this.readDocument()).table.list(filter);
  }

  async listSummaries(filter?: SessionFilter): Promise<Buffer[]> {
    const listing = this.listingUnlessParsed();
    if (listing) return listing.summaries(filter);
    const document = await this.readDocument();
    const key = this.cache?.key ?? null;
    const size = key?.size ?? 0;
    if (key === null || size < (this.options.listingMinBytes ?? DEFAULT_LISTING_MIN_BYTES)) return document.table.summaries(filter);
    const bytes = StoreListing.render(document.table.list(), key);
    writeListing(this.paths.listing, this.paths.readerStagingListing, bytes);
    this.listing = StoreListing.parse(bytes);
    return this.listing ? this.listing.summaries(filter) : document.table.summaries(filter);
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
    this.cache = null;
    this.listing = null;
  }

  /**
   * The listing of the store as it is now, unless this process already holds the parsed
   * store (answering from that costs no read). Null when there is no such listing.
   */
  private listingUnlessParsed(): StoreListing | null {
    if (this.closed) throw storageClosed(this.location);
    let key: FileKey | null;
    try {
      key = statStoreFile(this.location);
    } catch (error) {
      throw storeIoError('read the session store', this.location, error);
    }
    if (this.cache && 'document' in this.cache && sameFileKey(this.cache.key, key)) return null;
    if (!this.listing?.madeFrom(key)) this.listing = readListing(this.paths.listing, key);
    return this.listing;
  }

  /**
   * After a committed write: the listing made from the version before it, with the change
   * spliced in, now naming the new version. A missing or older listing is left for the
   * next list to make again; a failure here never fails the write.
   */
  private refreshListing(before: FileKey | null, after: FileKey, change: StoreChange): void {
    try {
      // Splicing needs the bytes alone: the lines are checked by whoever reads the result.
      const listing = this.listing?.madeFrom(before) ? { bytes: this.listing.bytes, sessions: this.listing.size } : readListingBytes(this.paths.listing, before);
      const spliced = listing && spliceListing(listing.bytes, listing.sessions, change, after);
      if (spliced) writeListing(this.paths.listing, this.paths.stagingListing, spliced);
    } catch {
      // The listing on disk still names the version before this write: it is ignored from now on.
    } finally {
      this.listing = null;
    }
  }

  /** The committed store, without taking the lock; an old-version file is migrated first. */
  private async readDocument(): Promise<StoreDocument> {
    if (this.closed) throw storageClosed(this.location);
    const state = this.load();
    if ('document' in state) return state.document;
    if ('error' in state) throw state.error;
    await this.mutate(() => ({ result: undefined }));
    return this.readDocument();
  }

  private load(): CachedState {
    let key: FileKey | null;
    try {
      key = statStoreFile(this.location);
      if (this.cache && sameFileKey(this.cache.key, key)) return this.cache;
      const read = readStoreFile(this.location);
      this.cache = read ? this.interpret(read.bytes, read.key) : { key: null, document: new StoreDocument(emptyStore()) };
    } catch (error) {
      throw storeIoError('read the session store', this.location, error);
    }
    return this.cache;
  }

  private interpret(bytes: Buffer, key: FileKey): CachedState {
    const examination = examineStoreBytes(bytes, this.options);
    if (!examination.ok) return { key, error: unusableStoreError(this.location, examination) };
    if (examination.migrated || examination.fromVersion !== CURRENT_STORE_VERSION) return { key, outdated: examination, bytes };
    return { key, document: new StoreDocument(examination.store, bytes) };
  }

  private mutate<T>(plan: (document: StoreDocument) => Plan<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.mutateLocked(plan));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async mutateLocked<T>(plan: (document: StoreDocument) => Plan<T>): Promise<T> {
    if (this.closed) throw storageClosed(this.location);
    this.prepareDirectory();
    const lock = await acquireStoreLock(this.paths.lockDir, this.lockTimeoutMs);
    try {
      const document = this.committedDocument();
      const { change, result } = plan(document);
      if (change) {
        const before = this.cache?.key ?? null;
        const bytes = document.render(change);
        const key = this.replace(bytes, before !== null);
        document.apply(change, bytes);
        this.cache = { key, document };
        this.refreshListing(before, key, change);
      }
      return result;
    } finally {
      lock.release();
    }
  }

  /** Under the lock: the latest committed store, migrating an old-version file once. */
  private committedDocument(): StoreDocument {
    const state = this.load();
    if ('error' in state) throw state.error;
    if ('document' in state) return state.document;
    const { outdated, bytes } = state;
    const keptAs = this.paths.migrationBackup(outdated.fromVersion);
    const document = new StoreDocument(outdated.store);
    try {
      writeFileOnce(keptAs, bytes);
    } catch (error) {
      throw storeIoError('keep the original session store as', keptAs, error);
    }
    this.cache = { key: this.replace(document.render(), true), document };
    this.warnMigrated(outdated, keptAs, document.table.size);
    return document;
  }

  private replace(bytes: Buffer, keepBackup: boolean): FileKey {
    try {
      return replaceStoreFile(this.paths, bytes, { keepBackup });
    } catch (error) {
      // The file on disk is whichever version the rename left; the next operation re-reads it.
      this.cache = null;
      throw storeIoError('write the session store', this.location, error);
    }
  }

  private warnMigrated(outdated: Extract<StoreExamination, { ok: true }>, keptAs: string, sessions: number): void {
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

/**
 * The default store: a pretty-printed `sessions.json` (version 2) that any number of
 * processes share safely. Opening does no I/O; the first operation reads the file.
 */
export function openJsonStorage(file: string, options: JsonStorageOptions = {}): SessionStorage {
  return new JsonStorage(file, options);
}
