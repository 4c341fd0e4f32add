import type { SessionEntry, SessionStoreV2 } from '@genie/session-schema';
import { SessionTable } from '../session-table';

/** One change a mutation makes. */
export type StoreChange = { put: SessionEntry } | { remove: string };

/**
 * A parsed v2 store: its sessions indexed, its other top-level keys kept in their order (so
 * a field a newer genie or a user added survives our writes).
 */
export class StoreDocument {
  readonly table: SessionTable;
  private readonly frame: Record<string, unknown>;

  constructor(store: SessionStoreV2) {
    this.frame = { ...store, sessions: null };
    this.table = new SessionTable(Object.values(store.sessions));
  }

  /** The file after `change`, pretty-printed like JSON.stringify(store, null, 2) plus a newline, for readers with `jq`. */
  render(change?: StoreChange): Buffer {
    const sessions: Record<string, SessionEntry> = {};
    for (const entry of this.table.entries()) sessions[entry.sessionId] = entry;
    if (change && 'put' in change) sessions[change.put.sessionId] = change.put;
    if (change && 'remove' in change) delete sessions[change.remove];
    return Buffer.from(`${JSON.stringify({ ...this.frame, sessions }, null, 2)}\n`);
  }
}
