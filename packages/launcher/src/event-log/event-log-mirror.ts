import { closeSync, openSync, readSync } from 'node:fs';
import type { StorageSpec, TeamEventLog } from '@genie/storage';
import { teamChangesFor } from '../lease/team-changes';

const CHUNK_BYTES = 256 * 1024;
const NEWLINE = 0x0a;

/**
 * Copies the whole lines of a session's event log file into the team database, so other
 * hosts can read and follow the turn. The file stays the original: a copy that fails
 * (the database restarting, the network cut) is simply made again by the next one, and
 * lines are numbered as in the file, so none is stored twice.
 */
export class EventLogMirror {
  /** Byte offset and number of the first line not copied yet; unknown until the first copy. */
  private position: { offset: number; lineNo: number } | undefined;
  private queued: Promise<void> = Promise.resolve();
  private copyQueued = false;
  /** Why the latest copy failed, if it did. */
  lastError: unknown;

  constructor(
    readonly file: string,
    private readonly sessionId: string,
    private readonly log: TeamEventLog,
  ) {}

  /** Asks for a copy of what was appended; copies run one at a time, and a burst makes one. */
  copySoon(): void {
    if (this.copyQueued) return;
    this.copyQueued = true;
    this.queued = this.queued.then(async () => {
      this.copyQueued = false;
      try {
        await this.copy();
        this.lastError = undefined;
      } catch (error) {
        this.lastError = error;
      }
    });
  }

  /** Resolves once everything appended before the call was copied, or the copy failed (see lastError). */
  drain(): Promise<void> {
    this.copySoon();
    return this.queued;
  }

  close(): Promise<void> {
    return this.log.close();
  }

  private async copy(): Promise<void> {
    const start = this.position ?? (await this.skipCopied());
    const { lines, bytes } = readWholeLines(this.file, start.offset);
    if (lines.length === 0) return;
    await this.log.appendLines(this.sessionId, start.lineNo, lines);
    this.position = { offset: start.offset + bytes, lineNo: start.lineNo + lines.length };
  }

  /** Where copying resumes: after the lines earlier turns already copied. */
  private async skipCopied(): Promise<{ offset: number; lineNo: number }> {
    const copied = await this.log.lineCount(this.sessionId);
    let offset = 0;
    let lineNo = 0;
    const fd = openOrNull(this.file);
    if (fd === null) return { offset, lineNo };
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      while (lineNo < copied) {
        const read = readSync(fd, buffer, 0, CHUNK_BYTES, offset);
        if (read === 0) break;
        let consumed = 0;
        for (let index = buffer.indexOf(NEWLINE, 0); index !== -1 && index < read && lineNo < copied; index = buffer.indexOf(NEWLINE, index + 1)) {
          lineNo += 1;
          consumed = index + 1;
        }
        if (consumed === 0) break;
        offset += consumed;
      }
    } finally {
      closeSync(fd);
    }
    return { offset, lineNo };
  }
}

function openOrNull(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch {
    return null;
  }
}

/** The whole lines from `offset` to the end of the file (a line still being written is left for later). */
function readWholeLines(file: string, offset: number): { lines: string[]; bytes: number } {
  const fd = openOrNull(file);
  if (fd === null) return { lines: [], bytes: 0 };
  const chunks: Buffer[] = [];
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (let position = offset; ; ) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, position);
      if (read === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      position += read;
    }
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.concat(chunks);
  const end = bytes.lastIndexOf(NEWLINE);
  if (end === -1) return { lines: [], bytes: 0 };
  return { lines: bytes.toString('utf8', 0, end).split('\n'), bytes: end + 1 };
}

/** The mirror a turn's log needs: one for a team (PostgreSQL) store, none for a store of this host. */
export function mirrorFor(storage: StorageSpec, sessionId: string, file: string): EventLogMirror | undefined {
  const log = teamChangesFor(storage, { waitForServer: true });
  return log && new EventLogMirror(file, sessionId, log);
}
