import { join } from 'node:path';

/** The one append-only JSONL log of a session: `<logsDir>/<sessionId>.jsonl`. */
export function eventLogPath(logsDir: string, sessionId: string): string {
  return join(logsDir, `${sessionId}.jsonl`);
}
