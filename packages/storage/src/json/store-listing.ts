import { ACTIVE_STATUSES, toSessionSummary, type SessionEntry } from '@genie/session-schema';
import { freezeEntry } from '../entry-ownership';
import type { SessionFilter } from '../session-storage';
import { sameFileKey, type FileKey } from './store-file';

/*
 * The listing: a file beside `sessions.json` holding, for every session, the JSON of its
 * summary (what `genie list sessions --json` prints) and the fields `list` filters and sorts
 * by, one line per session. A listing answers a list of 10,000 sessions by copying bytes,
 * where the store itself must be parsed, validated and each session stringified again.
 *
 * It is derived data and never the source of truth: its first line names the exact version
 * of sessions.json it was made from (inode, size, mtime, as the in-process cache does), and
 * a listing made from any other version, or damaged in any way, is ignored. Deleting it
 * loses nothing.
 *
 * A line: `"<id>"\t"<status>"\t"<agent>"\t<created ms>\t<entry>\t<summary>\n`. Fields are
 * JSON (a JSON text never holds a raw tab or newline), except the created time, a whole
 * number or empty when unknown. `<entry>` is the full record for sessions whose status is
 * active (`starting`/`running`), the few reconciliation reads, and empty otherwise.
 */

const FORMAT = 'genie-session-listing';
const FORMAT_VERSION = 1;
const TAB = 0x09;
const NEWLINE = 0x0a;
const FIELDS = 6;
/** Per row in `bounds`: the line's start, the FIELDS - 1 separators, the newline. */
const STRIDE = FIELDS + 1;

interface ListingHeader {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  /** The version of sessions.json this listing was made from. */
  store: FileKey;
  sessions: number;
}

const ACTIVE = new Set<string>(ACTIVE_STATUSES);

function jsonField(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function createdTime(entry: SessionEntry): number {
  return typeof entry.created === 'string' ? Date.parse(entry.created) : Number.NaN;
}

/** The listing line of one session. */
function listingText(entry: SessionEntry): string {
  const time = createdTime(entry);
  const active = ACTIVE.has(String(entry.status)) ? JSON.stringify(entry) : '';
  const fields = [jsonField(entry.sessionId), jsonField(String(entry.status)), jsonField(entry.agent), Number.isNaN(time) ? '' : String(time), active];
  return `${fields.join('\t')}\t${JSON.stringify(toSessionSummary(entry))}\n`;
}

function headerText(store: FileKey, sessions: number): string {
  const header: ListingHeader = { format: FORMAT, version: FORMAT_VERSION, store: { ino: store.ino, size: store.size, mtimeMs: store.mtimeMs }, sessions };
  return `${JSON.stringify(header)}\n`;
}

/** The session count and the store version a listing's first line names (`bytes` may be its start only: `whole` false); undefined when it is not a header. */
export function listingHeader(bytes: Buffer, whole = true): { sessions: number; store: FileKey } | undefined {
  const headerEnd = bytes.indexOf(NEWLINE);
  if (headerEnd === -1) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, headerEnd));
  } catch {
    return undefined;
  }
  // Every line takes at least a byte (checked when `bytes` is the whole listing), and offsets are 32-bit.
  if (!isHeader(header) || !Number.isInteger(header.sessions) || header.sessions < 0 || (whole && header.sessions > bytes.length) || bytes.length > 0x7fffffff) {
    return undefined;
  }
  return { sessions: header.sessions, store: header.store };
}

/**
 * A listing of `sessions` sessions after `change` was committed as the store version
 * `store`: that session's line replaced, added first (a new session is usually the newest;
 * readers sort what is out of order) or removed. Only the header is trusted here: a damaged
 * line stays damaged, and readers ignore the result. Undefined when the id's line has no end.
 */
export function spliceListing(bytes: Buffer, sessions: number, change: { put: SessionEntry } | { remove: string }, store: FileKey): Buffer | undefined {
  const bodyStart = bytes.indexOf(NEWLINE) + 1;
  const id = 'put' in change ? change.put.sessionId : change.remove;
  const put = 'put' in change ? listingText(change.put) : '';
  const added = put === '' ? 0 : 1;
  // A raw newline only ends a line, so this finds the line whose id field is `id`.
  const found = bytes.indexOf(Buffer.from(`\n${jsonField(id)}\t`), bodyStart - 1);
  if (found === -1) return Buffer.concat([Buffer.from(headerText(store, sessions + added) + put), bytes.subarray(bodyStart)]);
  const lineStart = found + 1;
  const lineEnd = bytes.indexOf(NEWLINE, lineStart) + 1;
  if (lineEnd === 0) return undefined;
  return Buffer.concat([Buffer.from(headerText(store, sessions - 1 + added)), bytes.subarray(bodyStart, lineStart), Buffer.from(put), bytes.subarray(lineEnd)]);
}

/**
 * The created time written by listingText: a whole number of ms, or NaN for an empty field;
 * undefined when the field is neither. Read from the bytes: a string per line costs more.
 */
function timeField(bytes: Buffer, start: number, end: number): number | undefined {
  if (start === end) return Number.NaN;
  let at = start;
  const sign = bytes[at] === 0x2d ? -1 : 1;
  if (sign === -1) at += 1;
  // Beyond 16 digits a double no longer holds every whole number, and no date needs them.
  if (at === end || end - at > 16) return undefined;
  let value = 0;
  for (; at < end; at += 1) {
    const digit = (bytes[at] as number) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return sign * value;
}

function isHeader(value: unknown): value is ListingHeader {
  const header = value as ListingHeader | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.format === FORMAT &&
    header.version === FORMAT_VERSION &&
    typeof header.sessions === 'number' &&
    typeof header.store === 'object' &&
    header.store !== null &&
    typeof header.store.ino === 'number' &&
    typeof header.store.size === 'number' &&
    typeof header.store.mtimeMs === 'number'
  );
}

/**
 * A listing read from its file and checked line by line. Row `r` is the r-th line after the
 * header; `bounds` holds, for each row, the offset of its start, of each field separator and
 * of its newline; `order` lists the rows in list order.
 */
export class StoreListing {
  private readonly ids = new Map<number, string>();

  private constructor(
    readonly bytes: Buffer,
    readonly store: FileKey,
    private readonly bounds: Int32Array,
    private readonly times: Float64Array,
    private readonly order: number[],
  ) {}

  /** The listing in `bytes`, or null when they are not a whole listing of this format. */
  static parse(bytes: Buffer): StoreListing | null {
    const header = listingHeader(bytes);
    if (header === undefined) return null;
    const headerEnd = bytes.indexOf(NEWLINE);
    const rows = header.sessions;
    const bounds = new Int32Array(rows * STRIDE);
    const times = new Float64Array(rows);
    let start = headerEnd + 1;
    for (let row = 0; row < rows; row += 1) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end === -1) return null;
      const base = row * STRIDE;
      bounds[base] = start;
      let field = 1;
      let tab = bytes.indexOf(TAB, start);
      for (; tab !== -1 && tab < end && field < FIELDS; tab = bytes.indexOf(TAB, tab + 1)) bounds[base + field++] = tab;
      // Exactly FIELDS fields: JSON holds no raw tab, so any other shape is damage.
      if (field !== FIELDS || (tab !== -1 && tab < end)) return null;
      bounds[base + FIELDS] = end;
      const time = timeField(bytes, (bounds[base + 3] as number) + 1, bounds[base + 4] as number);
      if (time === undefined) return null;
      times[row] = time;
      start = end + 1;
    }
    if (start !== bytes.length) return null;
    const listing = new StoreListing(bytes, header.store, bounds, times, Array.from({ length: rows }, (_, row) => row));
    listing.sortRows();
    return listing;
  }

  /** A listing of every session of `entries`, made from the store version `store`. */
  static render(entries: readonly SessionEntry[], store: FileKey): Buffer {
    // One string, encoded once: a buffer per line costs more than the lines themselves.
    return Buffer.from(headerText(store, entries.length) + entries.map(listingText).join(''));
  }

  get size(): number {
    return this.order.length;
  }

  madeFrom(store: FileKey | null): boolean {
    return sameFileKey(this.store, store);
  }

  /** The summary JSON of each session `filter` selects, in list order (views of the listing's bytes). */
  summaries(filter: SessionFilter = {}): Buffer[] {
    return this.select(filter).map((row) => this.field(row, 5));
  }

  /**
   * The records `filter` selects, when the listing holds them: only when it selects by
   * active statuses alone (what reconciliation asks for). Undefined otherwise.
   */
  activeEntries(filter: SessionFilter): SessionEntry[] | undefined {
    const statuses = filter.status === undefined ? [] : [filter.status].flat();
    if (statuses.length === 0 || !statuses.every((status) => ACTIVE.has(status))) return undefined;
    // Only active sessions' lines hold a record: the rest need not be looked at.
    const withRecord = this.order.filter((row) => this.fieldLength(row, 4) > 0);
    return this.select(filter, withRecord).map((row) => freezeEntry(JSON.parse(this.field(row, 4).toString('utf8')) as SessionEntry));
  }

  private idOf(row: number): string {
    let id = this.ids.get(row);
    if (id === undefined) {
      id = JSON.parse(this.field(row, 0).toString('utf8')) as string;
      this.ids.set(row, id);
    }
    return id;
  }

  /** Field `index` of `row` (0 is the id, 5 the summary). */
  private field(row: number, index: number): Buffer {
    const base = row * STRIDE;
    const start = index === 0 ? (this.bounds[base] as number) : (this.bounds[base + index] as number) + 1;
    return this.bytes.subarray(start, this.bounds[base + index + 1] as number);
  }

  private fieldEquals(row: number, index: number, value: Buffer): boolean {
    const base = row * STRIDE;
    const start = (this.bounds[base + index] as number) + 1;
    const end = this.bounds[base + index + 1] as number;
    return end - start === value.length && this.bytes.compare(value, 0, value.length, start, end) === 0;
  }

  private fieldLength(row: number, index: number): number {
    const base = row * STRIDE;
    return (this.bounds[base + index + 1] as number) - (this.bounds[base + index] as number) - 1;
  }

  private select(filter: SessionFilter, rows: readonly number[] = this.order): number[] {
    const statuses = filter.status === undefined ? undefined : [filter.status].flat().map((status) => Buffer.from(jsonField(String(status))));
    const agent = filter.agent === undefined ? undefined : Buffer.from(jsonField(filter.agent));
    const limit = filter.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, filter.limit);
    const selected: number[] = [];
    for (const row of rows) {
      if (selected.length >= limit) break;
      if (statuses && !statuses.some((status) => this.fieldEquals(row, 1, status))) continue;
      if (agent && !this.fieldEquals(row, 2, agent)) continue;
      selected.push(row);
    }
    return selected;
  }

  /** Newest first, unknown times last, ties by session id: the order of SessionTable.list. */
  private compareRows(a: number, b: number): number {
    const aTime = this.times[a] as number;
    const bTime = this.times[b] as number;
    const aKnown = !Number.isNaN(aTime);
    const bKnown = !Number.isNaN(bTime);
    if (aKnown !== bKnown) return aKnown ? -1 : 1;
    if (aKnown && aTime !== bTime) return bTime - aTime;
    const aId = this.idOf(a);
    const bId = this.idOf(b);
    return aId < bId ? -1 : aId > bId ? 1 : 0;
  }

  /** Writers keep rows in list order as far as a splice can; whatever is not is sorted here. */
  private sortRows(): void {
    for (let i = 1; i < this.order.length; i += 1) {
      if (this.compareRows(this.order[i - 1] as number, this.order[i] as number) > 0) {
        this.order.sort((a, b) => this.compareRows(a, b));
        return;
      }
    }
  }
}
