import { readSync, statSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';

const CHUNK_BYTES = 64 * 1024;
/** Upper bound of one read, so a huge log streams out in steps instead of one allocation. */
const MAX_READ_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads records appended to an event log since the last call, to follow a running turn.
 * Only whole lines are returned; a line still being written is kept for the next call.
 * A log that does not exist yet (a turn that is still starting) simply has nothing new.
 */
export class EventLogTail {
  /** Bytes after the last newline, kept as bytes so a character split across reads stays whole. */
  private partial: Buffer = Buffer.alloc(0);
  /** False when the last read stopped at MAX_READ_BYTES with more of the file left. */
  caughtUp = true;

  private constructor(
    readonly file: string,
    private offset: number,
  ) {}

  /** Reads from byte `offset`, which must be the start of a line (0, the end, or a turn's start). */
  static at(file: string, offset: number): EventLogTail {
    return new EventLogTail(file, offset);
  }

  /** New whole records; an unreadable log is a STORE_IO error naming it. */
  readNew(): EventLogRecord[] {
    return withOpenLog(this.file, [], (fd) => this.readFrom(fd));
  }

  private readFrom(fd: number): EventLogRecord[] {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const chunks: Buffer[] = [];
    let total = 0;
    this.caughtUp = false;
    while (total < MAX_READ_BYTES) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, this.offset);
      if (read === 0) {
        this.caughtUp = true;
        break;
      }
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      this.offset += read;
      total += read;
    }
    const bytes = Buffer.concat([this.partial, ...chunks]);
    const end = bytes.lastIndexOf(NEWLINE);
    this.partial = Buffer.from(bytes.subarray(end + 1));
    return end === -1 ? [] : parseRecords(bytes.toString('utf8', 0, end));
  }
}

/** Lines that are not records (not written by genie's log writer) carry nothing to render. */
function parseRecords(text: string): EventLogRecord[] {
  const records: EventLogRecord[] = [];
  for (const line of text.split('\n')) {
    const record = parseLogRecord(line);
    if (record) records.push(record);
  }
  return records;
}

/** The current size of a log; 0 when it does not exist yet. */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
