import type { SessionEntry, SessionStoreV2 } from '@genie/session-schema';
import { SessionTable } from '../session-table';

/** One change a mutation makes; applied to the cached document only after it is on disk. */
export type StoreChange = { put: SessionEntry } | { remove: string };

const ENTRY_INDENT = '\n    ';
const TOP_INDENT = '\n  ';

function entryText(entry: SessionEntry): string {
  // Nested JSON.stringify output is the whole-document output shifted right; strings never hold raw newlines.
  return JSON.stringify(entry, null, 2).replace(/\n/g, ENTRY_INDENT);
}

/**
 * A parsed v2 store: its sessions indexed, its other top-level keys kept in their order, and
 * each entry's pretty-printed text cached so a write re-serialises only what changed.
 */
export class StoreDocument {
  readonly table: SessionTable;
  private readonly frame: Record<string, unknown>;
  private readonly texts = new Map<string, string>();

  constructor(store: SessionStoreV2) {
    // The frame keeps the top-level keys in their order; its `sessions` slot is rendered from the table.
    this.frame = { ...store, sessions: null };
    this.table = new SessionTable(Object.values(store.sessions));
  }

  /** The file text after `change`, pretty-printed like JSON.stringify(store, null, 2). */
  render(change?: StoreChange): string {
    const lines: string[] = [];
    let placedPut = false;
    for (const entry of this.table.entries()) {
      if (change && 'remove' in change && change.remove === entry.sessionId) continue;
      if (change && 'put' in change && change.put.sessionId === entry.sessionId) {
        lines.push(`${JSON.stringify(entry.sessionId)}: ${entryText(change.put)}`);
        placedPut = true;
        continue;
      }
      lines.push(`${JSON.stringify(entry.sessionId)}: ${this.textOf(entry)}`);
    }
    if (change && 'put' in change && !placedPut) lines.push(`${JSON.stringify(change.put.sessionId)}: ${entryText(change.put)}`);
    const sessionsText = lines.length === 0 ? '{}' : `{${ENTRY_INDENT}${lines.join(`,${ENTRY_INDENT}`)}${TOP_INDENT}}`;
    const parts = Object.entries(this.frame).map(([key, value]) => {
      const text = key === 'sessions' ? sessionsText : JSON.stringify(value, null, 2).replace(/\n/g, TOP_INDENT);
      return `${JSON.stringify(key)}: ${text}`;
    });
    return `{${TOP_INDENT}${parts.join(`,${TOP_INDENT}`)}\n}\n`;
  }

  /** Makes the document reflect a change that is now committed to disk. */
  apply(change: StoreChange): void {
    if ('remove' in change) {
      this.table.remove(change.remove);
      this.texts.delete(change.remove);
    } else {
      this.table.put(change.put);
      this.texts.delete(change.put.sessionId);
    }
  }

  private textOf(entry: SessionEntry): string {
    let text = this.texts.get(entry.sessionId);
    if (text === undefined) {
      text = entryText(entry);
      this.texts.set(entry.sessionId, text);
    }
    return text;
  }
}
