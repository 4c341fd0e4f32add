import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import type { TeamEventLog } from '@genie/storage';

const NEWLINE = 0x0a;

function readOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

function countLines(bytes: Buffer): number {
  let count = 0;
  for (let index = bytes.indexOf(NEWLINE); index !== -1; index = bytes.indexOf(NEWLINE, index + 1)) count += 1;
  return count;
}

/**
 * Local copies of event logs kept in the team database, for sessions whose turns ran on
 * another host: the readers of the event log (view, follow, wait) then read a file here as
 * they read one of this host. A copy only grows, each time by the lines the database has
 * beyond it, and is replaced whole (write, then rename), so genie processes refreshing it
 * at once never leave a torn or doubled line, and a reader following it by byte offset
 * reads the same bytes at the same offsets.
 */
export class TeamLogCopies {
  constructor(
    private readonly events: TeamEventLog,
    private readonly dir: string,
    private readonly host: string,
  ) {}

  /** The logs directory to read the session's log from on this host: `localDir`, or this one, refreshed. */
  async readableDir(entry: SessionEntry, localDir: string): Promise<string> {
    if (entry.host === this.host) return localDir;
    await this.refresh(entry.sessionId);
    return this.dir;
  }

  /** Brings the session's copy up to the database; returns its path. */
  async refresh(sessionId: string): Promise<string> {
    const file = join(this.dir, `${sessionId}.jsonl`);
    const present = readOrEmpty(file);
    const lines = await this.events.readLines(sessionId, countLines(present));
    if (lines.length === 0 && existsSync(file)) return file;
    mkdirSync(this.dir, { recursive: true });
    const added = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([present, Buffer.from(added, 'utf8')]), { mode: 0o600 });
    renameSync(temp, file);
    return file;
  }
}
