import type { SessionEntry, SessionStoreV2 } from '@genie/session-schema';
import { SessionTable } from '../session-table';

/** One change a mutation makes; applied to the cached document only after it is on disk. */
export type StoreChange = { put: SessionEntry } | { remove: string };

const ENTRY_INDENT = '\n    ';
const TOP_INDENT = '\n  ';
const ENTRY_SEPARATOR = Buffer.from(`,${ENTRY_INDENT}`);
/** How a file with a non-empty `sessions` as its last key ends: the last entry's brace, then the two closing braces. */
const LAST_ENTRY_END = Buffer.from(`${ENTRY_INDENT}}${TOP_INDENT}}\n}\n`);
const FILE_END_LENGTH = `${TOP_INDENT}}\n}\n`.length;

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
 *
 * When the document knows the exact bytes of the file it came from (`source`), putting one
 * session splices that session's bytes into them instead: a process's first write would
 * otherwise serialise every session once (~65 ms at 10,000 sessions, in every `genie run`
 * and every supervisor). The splice is taken only where the file has the layout this class
 * writes around that session; anything else (a hand-edited file, a removal) renders in full.
 */
export class StoreDocument {
  readonly table: SessionTable;
  private readonly frame: Record<string, unknown>;
  private readonly bytes = new Map<string, Buffer>();

  /** @param source the file bytes `store` was parsed from, when it was read from a file */
  constructor(
    store: SessionStoreV2,
    private source?: Buffer,
  ) {
    // The frame keeps the top-level keys in their order; its `sessions` slot is rendered from the table.
    this.frame = { ...store, sessions: null };
    this.table = new SessionTable(Object.values(store.sessions));
  }

  /**
   * The file bytes after `change`: pretty-printed like JSON.stringify(store, null, 2) plus a
   * newline, or the source file with one session spliced in (see the class comment).
   */
  render(change?: StoreChange): Buffer {
    return (change && 'put' in change && this.spliced(change.put)) || this.rendered(change);
  }

  /** Makes the document reflect a change that is now committed to disk as `written`. */
  apply(change: StoreChange, written?: Buffer): void {
    this.source = written;
    if ('remove' in change) {
      this.table.remove(change.remove);
      this.bytes.delete(change.remove);
    } else {
      this.table.put(change.put);
      this.bytes.delete(change.put.sessionId);
    }
  }

  /** The source with `put` replacing its session's bytes, or appended as the last session; undefined when the layout is not ours. */
  private spliced(put: SessionEntry): Buffer | undefined {
    const source = this.source;
    if (!source) return undefined;
    const previous = this.table.get(put.sessionId);
    const putBytes = entryBytes(put);
    if (previous) {
      const previousBytes = this.bytesOf(previous);
      const needle = Buffer.concat([Buffer.from(ENTRY_INDENT), previousBytes]);
      const found = source.indexOf(needle);
      const start = found + ENTRY_INDENT.length;
      const end = start + previousBytes.length;
      const followedBy = source[end];
      // `,` before the next session, or a newline before the closing of `sessions`; and only
      // once (a hand-edited file may repeat a key, and JSON.parse keeps the last one).
      if (found === -1 || (followedBy !== 0x2c && followedBy !== 0x0a) || source.indexOf(needle, end) !== -1) return undefined;
      return Buffer.concat([source.subarray(0, start), putBytes, source.subarray(end)]);
    }
    const keys = Object.keys(this.frame);
    if (keys[keys.length - 1] !== 'sessions' || this.table.size === 0) return undefined;
    const tail = source.subarray(source.length - LAST_ENTRY_END.length);
    if (!tail.equals(LAST_ENTRY_END)) return undefined;
    const at = source.length - FILE_END_LENGTH;
    return Buffer.concat([source.subarray(0, at), ENTRY_SEPARATOR, putBytes, source.subarray(at)]);
  }

  private rendered(change?: StoreChange): Buffer {
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

  private bytesOf(entry: SessionEntry): Buffer {
    let bytes = this.bytes.get(entry.sessionId);
    if (bytes === undefined) {
      bytes = entryBytes(entry);
      this.bytes.set(entry.sessionId, bytes);
    }
    return bytes;
  }
}
