import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLogRecord } from '../event-log-record';
import { isUnwritableDisk } from '../process/unwritable-disk';
import type { EventLogMirror } from './event-log-mirror';
import { APPEND_LOG_FLAGS, READ_LOG_FLAGS } from './log-file-flags';

/** How much output waits in memory for a full disk to take it; more is dropped and counted. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;

/**
 * Whether the log's last line was cut short (a writer killed mid-write, a crash): the next
 * record must then start a line of its own, or the cut line would swallow it.
 */
function endsMidLine(file: string): boolean {
  const fd = openSync(file, READ_LOG_FLAGS);
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends records to a session's event log. The file is opened in append mode and never
 * truncated, so every earlier turn stays in it; each batch is one write so concurrent
 * readers see whole lines. A symbolic link at the log path is refused (ELOOP), not followed.
 * With a team database, a mirror copies what is written there.
 *
 * A full disk does not lose the turn: what could not be written (from the exact byte a
 * partial write stopped at, so no line is torn) waits in memory and goes out with the
 * next append or `flush()`, once there is room again. Output beyond 16 MiB of waiting is
 * dropped, and a line saying how many lines were dropped is written in their place.
 */
export class EventLogWriter {
  private fd: number | null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private droppedLines = 0;
  private turn = 0;

  constructor(
    readonly file: string,
    private readonly mirror?: EventLogMirror,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, APPEND_LOG_FLAGS, 0o600);
    if (endsMidLine(file)) this.pending.push(Buffer.from('\n'));
  }

  append(records: readonly EventLogRecord[]): void {
    if (this.fd === null || records.length === 0) return;
    this.turn = (records[records.length - 1] as EventLogRecord).turn;
    let text = '';
    for (const record of records) text += `${JSON.stringify(record)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const isOutputOnly = records.every((record) => !('type' in record));
    if (this.pendingBytes + bytes.length > MAX_PENDING_BYTES && isOutputOnly) {
      this.droppedLines += records.length;
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.flush();
  }

  /** Writes what waits for room; true when nothing waits any more. Throws only for errors other than a full disk. */
  flush(): boolean {
    if (this.fd === null) return this.pending.length === 0;
    try {
      if (this.droppedLines > 0 && this.pending.length === 0) this.queueDroppedNotice();
      while (this.pending.length > 0) {
        const head = this.pending[0] as Buffer;
        const written = writeSync(this.fd, head);
        this.pendingBytes -= written;
        if (written < head.length) this.pending[0] = head.subarray(written);
        else this.pending.shift();
        if (this.pending.length === 0 && this.droppedLines > 0) this.queueDroppedNotice();
      }
      this.mirror?.copySoon();
      return true;
    } catch (error) {
      if (isUnwritableDisk(error)) return false;
      throw error;
    }
  }

  /**
   * Resolves once what was written is in the team database too (or its copy failed: the
   * file keeps it, and the next copy retries). Immediate without a mirror.
   */
  async mirrored(): Promise<void> {
    await this.mirror?.drain();
  }

  /** Whether records wait for the disk to take them. */
  get waiting(): boolean {
    return this.pending.length > 0 || this.droppedLines > 0;
  }

  close(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
    const mirror = this.mirror;
    if (mirror) void mirror.drain().then(() => mirror.close());
  }

  private queueDroppedNotice(): void {
    const line = `[genie] ${this.droppedLines} output line(s) were dropped here: the disk was full.`;
    const bytes = Buffer.from(`${JSON.stringify({ time: new Date().toISOString(), turn: this.turn, stream: 'stderr', line })}\n`);
    this.droppedLines = 0;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }
}
