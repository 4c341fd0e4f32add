import path from 'node:path';

/** The one append-only JSONL log of a session: `<logsDir>/<sessionId>.jsonl`. */
export function eventLogPath(logsDir: string, sessionId: string): string {
  return path.join(logsDir, `${sessionId}.jsonl`);
}
