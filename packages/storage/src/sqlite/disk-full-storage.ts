import type { SessionEntry, SessionSummary } from '@genie/session-schema';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { storageClosed } from '../storage-closed';
import { noSpaceError, openDiskFullSnapshot, outOfSpace } from './disk-full-snapshot';
import { openSqliteStorage, type OpenSqliteOptions } from './open-sqlite-storage';
import { diskFullError } from './sqlite-errors';
import { SqliteStorage } from './sqlite-storage';

/**
 * The session database opened on a disk too full to open it normally: reads answer from a
 * read-only view of the database as last written, and every write is refused with the
 * disk-full error, changing nothing. Each call first tries the normal open again, so once
 * there is room the store is the real one, for reads and writes alike.
 */
class DiskFullSqliteStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  private writable: SessionStorage | null = null;
  private closed = false;

  constructor(
    readonly location: string,
    private readonly snapshot: SessionStorage,
    private readonly reopen: () => Promise<SessionStorage>,
  ) {}

  async get(sessionId: string): Promise<SessionEntry | undefined> {
    return (await this.forRead()).get(sessionId);
  }

  async findByName(name: string): Promise<SessionEntry | undefined> {
    return (await this.forRead()).findByName(name);
  }

  async list(filter?: SessionFilter): Promise<SessionEntry[]> {
    return (await this.forRead()).list(filter);
  }

  async listSummaries(filter?: SessionFilter): Promise<SessionSummary[]> {
    return (await this.forRead()).listSummaries(filter);
  }

  async create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry> {
    return (await this.forWrite()).create(entry, options);
  }

  async update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    return (await this.forWrite()).update(sessionId, mutate);
  }

  async delete(sessionId: string): Promise<boolean> {
    return (await this.forWrite()).delete(sessionId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.snapshot.close();
    await this.writable?.close();
  }

  private async forRead(): Promise<SessionStorage> {
    return (await this.tryWritable()) ?? this.snapshot;
  }

  private async forWrite(): Promise<SessionStorage> {
    const writable = await this.tryWritable();
    if (writable) return writable;
    throw diskFullError(`Could not write the session database ${this.location}: the disk is full.`, this.location, noSpaceError(this.location));
  }

  /** The normally opened database, or null while the disk still has no room to open it. */
  private async tryWritable(): Promise<SessionStorage | null> {
    if (this.closed) throw storageClosed(this.location);
    if (this.writable) return this.writable;
    try {
      this.writable = await this.reopen();
    } catch (error) {
      if (outOfSpace(this.location)) return null;
      throw error;
    }
    await this.snapshot.close();
    return this.writable;
  }
}

/**
 * Opens the session database; on a disk too full for that (see disk-full-snapshot.ts), a
 * store that reads the database read-only and refuses writes until there is room.
 */
export async function openSqliteOrDiskFullSnapshot(file: string, options: OpenSqliteOptions): Promise<SessionStorage> {
  try {
    return await openSqliteStorage(file, options);
  } catch (error) {
    const snapshot = openDiskFullSnapshot(options.driver, file);
    if (!snapshot) throw error;
    const wait = { lockTimeoutMs: options.lockTimeoutMs };
    return new DiskFullSqliteStorage(file, new SqliteStorage(snapshot, file, wait), () => openSqliteStorage(file, options));
  }
}
