import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLogRecord } from '../event-log-record';
import type { EventLogMirror } from './event-log-mirror';

/**
 * Appends records to a session's event log. The file is opened in append mode and never
 * truncated, so every earlier turn stays in it; each batch is one write so concurrent
 * readers see whole lines. With a team database, a mirror copies what is appended there.
 */
export class EventLogWriter {
  private fd: number | null;

  constructor(
    readonly file: string,
    private readonly mirror?: EventLogMirror,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'a', 0o600);
  }

  append(records: readonly EventLogRecord[]): void {
    if (this.fd === null || records.length === 0) return;
    let text = '';
    for (const record of records) text += `${JSON.stringify(record)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    this.mirror?.copySoon();
  }

  /**
   * Resolves once what was appended is in the team database too (or its copy failed: the
   * file keeps it, and the next copy retries). Immediate without a mirror.
   */
  async mirrored(): Promise<void> {
    await this.mirror?.drain();
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    const mirror = this.mirror;
    if (mirror) void mirror.drain().then(() => mirror.close());
  }
}
