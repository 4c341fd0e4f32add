import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLogRecord } from '../event-log-record';
import { APPEND_LOG_FLAGS } from './log-file-flags';

/**
 * Appends records to a session's event log. The file is opened in append mode and never
 * truncated, so every earlier turn stays in it; each batch is one write so concurrent
 * readers see whole lines. A symbolic link at the log path is refused (ELOOP), not followed.
 */
export class EventLogWriter {
  private fd: number | null;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, APPEND_LOG_FLAGS, 0o600);
  }

  append(records: readonly EventLogRecord[]): void {
    if (this.fd === null || records.length === 0) return;
    let text = '';
    for (const record of records) text += `${JSON.stringify(record)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
