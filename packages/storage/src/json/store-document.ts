import type { SessionEntry, SessionStoreV2 } from '@genie/session-schema';
import { SessionTable } from '../session-table';

/** One change a mutation makes; applied to the cached document only after it is on disk. */
export type StoreChange = { put: SessionEntry } | { remove: string };

const ENTRY_INDENT = '\n    ';
const TOP_INDENT = '\n  ';
const ENTRY_SEPARATOR = Buffer.from(`,${ENTRY_INDENT}`);

/** `"<id>": <entry>` as it appears inside the pretty-printed `sessions` object. */
function entryBytes(entry: SessionEntry): Buffer {
  // Nested JSON.stringify output is the whole-document output shifted right; strings never hold raw newlines.
  const text = JSON.stringify(entry, null, 2).replace(/\n/g, ENTRY_INDENT);
  return Buffer.from(`${JSON.stringify(entry.sessionId)}: ${text}`);
}

/**
 * A parsed v2 store: its sessions indexed, its other top-level keys kept in their order, and
 * each entry's pretty-printed bytes cached, so a write re-serialises only what changed and
 * assembles the file with one copy (building one large string per write costs several times
 * the write itself at 10,000 sessions).
 */
export class StoreDocument {
  readonly table: SessionTable;
  private readonly frame: Record<string, unknown>;
  private readonly bytes = new Map<string, Buffer>();

  constructor(store: SessionStoreV2) {
    // The frame keeps the top-level keys in their order; its `sessions` slot is rendered from the table.
    this.frame = { ...store, sessions: null };
    this.table = new SessionTable(Object.values(store.sessions));
  }

  /** The file bytes after `change`, pretty-printed exactly like JSON.stringify(store, null, 2) plus a newline. */
  render(change?: StoreChange): Buffer {
    const removed = change && 'remove' in change ? change.remove : undefined;
    const put = change && 'put' in change ? change.put : undefined;
    const putBytes = put && entryBytes(put);
    const entries: Buffer[] = [];
    for (const entry of this.table.entries()) {
      if (entry.sessionId === removed) continue;
      entries.push(entry.sessionId === put?.sessionId ? (putBytes as Buffer) : this.bytesOf(entry));
    }
    if (put && putBytes && !this.table.get(put.sessionId)) entries.push(putBytes);

    const chunks: Buffer[] = [];
    const keys = Object.keys(this.frame);
    chunks.push(Buffer.from(`{${TOP_INDENT}`));
    keys.forEach((key, index) => {
      if (index > 0) chunks.push(Buffer.from(`,${TOP_INDENT}`));
      if (key !== 'sessions') {
        chunks.push(Buffer.from(`${JSON.stringify(key)}: ${JSON.stringify(this.frame[key], null, 2).replace(/\n/g, TOP_INDENT)}`));
      } else if (entries.length === 0) {
        chunks.push(Buffer.from('"sessions": {}'));
      } else {
        chunks.push(Buffer.from(`"sessions": {${ENTRY_INDENT}`));
        entries.forEach((bytes, entryIndex) => {
          if (entryIndex > 0) chunks.push(ENTRY_SEPARATOR);
          chunks.push(bytes);
        });
        chunks.push(Buffer.from(`${TOP_INDENT}}`));
      }
    });
    chunks.push(Buffer.from('\n}\n'));
    return Buffer.concat(chunks);
  }

  /** Makes the document reflect a change that is now committed to disk. */
  apply(change: StoreChange): void {
    if ('remove' in change) {
      this.table.remove(change.remove);
      this.bytes.delete(change.remove);
    } else {
      this.table.put(change.put);
      this.bytes.delete(change.put.sessionId);
    }
  }

  private bytesOf(entry: SessionEntry): Buffer {
    let bytes = this.bytes.get(entry.sessionId);
    if (bytes === undefined) {
      bytes = entryBytes(entry);
      this.bytes.set(entry.sessionId, bytes);
    }
    return bytes;
  }
}
