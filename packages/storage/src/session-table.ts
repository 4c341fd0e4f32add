import type { SessionEntry } from '@genie/session-schema';
import { freezeEntry } from './entry-ownership';
import type { SessionFilter } from './session-storage';

/**
 * Sessions indexed by id and by name, so lookups stay O(1) at any store size. Every entry a
 * lookup returns is frozen first (see `freezeEntry`), so adapters hand entries out as they
 * are; an entry is frozen once, when it is first looked up, not when a file is loaded.
 */
export class SessionTable {
  private readonly byId = new Map<string, SessionEntry>();
  private readonly idByName = new Map<string, string>();

  constructor(entries: Iterable<SessionEntry> = []) {
    for (const entry of entries) this.put(entry);
  }

  get size(): number {
    return this.byId.size;
  }

  get(sessionId: string): SessionEntry | undefined {
    const entry = this.byId.get(sessionId);
    return entry && freezeEntry(entry);
  }

  findByName(name: string): SessionEntry | undefined {
    const id = this.idByName.get(name);
    return id === undefined ? undefined : this.get(id);
  }

  /** The id of the session called `name`, ignoring `exceptId` (a session may keep its own name). */
  nameOwner(name: string, exceptId?: string): string | undefined {
    const id = this.idByName.get(name);
    return id === exceptId ? undefined : id;
  }

  /** Every entry, in insertion order, not frozen (for rendering the file). */
  entries(): IterableIterator<SessionEntry> {
    return this.byId.values();
  }

  put(entry: SessionEntry): void {
    const previous = this.byId.get(entry.sessionId);
    if (previous?.name !== undefined && this.idByName.get(previous.name) === entry.sessionId) {
      this.idByName.delete(previous.name);
    }
    this.byId.set(entry.sessionId, entry);
    if (typeof entry.name === 'string' && !this.idByName.has(entry.name)) this.idByName.set(entry.name, entry.sessionId);
  }

  remove(sessionId: string): boolean {
    const previous = this.byId.get(sessionId);
    if (!previous) return false;
    if (previous.name !== undefined && this.idByName.get(previous.name) === sessionId) this.idByName.delete(previous.name);
    this.byId.delete(sessionId);
    return true;
  }

  list(filter: SessionFilter = {}): SessionEntry[] {
    const statuses = filter.status === undefined ? undefined : new Set<string>([filter.status].flat());
    const matches: Array<{ entry: SessionEntry; time: number }> = [];
    for (const entry of this.byId.values()) {
      if (statuses && !statuses.has(String(entry.status))) continue;
      if (filter.agent !== undefined && entry.agent !== filter.agent) continue;
      if (filter.idPrefix !== undefined && !entry.sessionId.startsWith(filter.idPrefix)) continue;
      const time = typeof entry.created === 'string' ? Date.parse(entry.created) : Number.NaN;
      matches.push({ entry, time });
    }
    matches.sort(newestFirst);
    const limited = filter.limit === undefined ? matches : matches.slice(0, Math.max(0, filter.limit));
    return limited.map((match) => freezeEntry(match.entry));
  }
}

/** Newest `created` first; records without a readable `created` last; ties by session id. */
function newestFirst(a: { entry: SessionEntry; time: number }, b: { entry: SessionEntry; time: number }): number {
  const aKnown = !Number.isNaN(a.time);
  const bKnown = !Number.isNaN(b.time);
  if (aKnown !== bKnown) return aKnown ? -1 : 1;
  if (aKnown && a.time !== b.time) return b.time - a.time;
  return a.entry.sessionId < b.entry.sessionId ? -1 : a.entry.sessionId > b.entry.sessionId ? 1 : 0;
}
