import { toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import { planCreate, planUpdate } from '../session-changes';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { SessionTable } from '../session-table';
import { storageClosed } from '../storage-closed';

class MemoryStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: false, persistent: false };
  readonly location = 'memory';
  private readonly table = new SessionTable();
  private closed = false;

  async get(sessionId: string): Promise<SessionEntry | undefined> {
    return this.open().get(sessionId);
  }

  async findByName(name: string): Promise<SessionEntry | undefined> {
    return this.open().findByName(name);
  }

  async list(filter?: SessionFilter): Promise<SessionEntry[]> {
    return this.open().list(filter);
  }

  async listSummaries(filter?: SessionFilter): Promise<SessionSummary[]> {
    return this.open().list(filter).map(toSessionSummary);
  }

  async create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry> {
    const stored = planCreate(this.open(), entry, options);
    this.table.put(stored);
    return stored;
  }

  async update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    const stored = planUpdate(this.open(), sessionId, mutate);
    this.table.put(stored);
    return stored;
  }

  async delete(sessionId: string): Promise<boolean> {
    return this.open().remove(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(): SessionTable {
    if (this.closed) throw storageClosed(this.location);
    return this.table;
  }
}

/** A store that lives in this process only: for tests and library users who persist elsewhere. */
export function createMemoryStorage(): SessionStorage {
  return new MemoryStorage();
}
