import { existsSync } from 'node:fs';
import type { SessionEntry, SessionSummary } from '@genie/session-schema';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { storageClosed } from '../storage-closed';

/**
 * A database that does not exist yet is created by the first write, not by a read: listing
 * sessions in a directory that has none must leave nothing behind. A read finds nothing
 * until then, unless there is a predecessor's file to import, which the read opens (and
 * so imports) at once.
 */
export class LazySqliteStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  private opened: Promise<SessionStorage> | null = null;
  private closed = false;

  constructor(
    readonly location: string,
    private readonly importFrom: string | undefined,
    private readonly open: () => Promise<SessionStorage>,
  ) {}

  async get(sessionId: string): Promise<SessionEntry | undefined> {
    const storage = await this.forRead();
    return storage ? storage.get(sessionId) : undefined;
  }

  async findByName(name: string): Promise<SessionEntry | undefined> {
    const storage = await this.forRead();
    return storage ? storage.findByName(name) : undefined;
  }

  async list(filter?: SessionFilter): Promise<SessionEntry[]> {
    const storage = await this.forRead();
    return storage ? storage.list(filter) : [];
  }

  async listSummaries(filter?: SessionFilter): Promise<SessionSummary[]> {
    const storage = await this.forRead();
    return storage ? storage.listSummaries(filter) : [];
  }

  async create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry> {
    return (await this.forWrite()).create(entry, options);
  }

  async update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    return (await this.forWrite()).update(sessionId, mutate);
  }

  async delete(sessionId: string): Promise<boolean> {
    const storage = await this.forRead();
    return storage ? storage.delete(sessionId) : false;
  }

  async close(): Promise<void> {
    this.closed = true;
    const opened = this.opened;
    this.opened = null;
    if (opened) await (await opened).close();
  }

  /** The open database, or null while there is neither a database nor anything to import. */
  private async forRead(): Promise<SessionStorage | null> {
    if (this.closed) throw storageClosed(this.location);
    if (this.opened) return this.opened;
    if (!existsSync(this.location) && !(this.importFrom && existsSync(this.importFrom))) return null;
    return this.forWrite();
  }

  private forWrite(): Promise<SessionStorage> {
    if (this.closed) throw storageClosed(this.location);
    if (!this.opened) {
      const opening = this.open();
      // A failed open (a damaged file to import) is not kept: the next call tries again.
      opening.catch(() => {
        if (this.opened === opening) this.opened = null;
      });
      this.opened = opening;
    }
    return this.opened;
  }
}
