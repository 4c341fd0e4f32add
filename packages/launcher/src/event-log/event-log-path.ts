import { join } from 'node:path';
import { GenieError } from '@genie/errors';
import { isValidSessionId } from '@genie/session-schema';

/**
 * The one append-only JSONL log of a session: `<logsDir>/<sessionId>.jsonl`. It is always
 * derived from the id, never taken from a record, and an id that could name a file
 * outside `logsDir` is refused (store reads already give such ids safe replacements).
 */
export function eventLogPath(logsDir: string, sessionId: string): string {
  if (!isValidSessionId(sessionId)) {
    throw new GenieError('STORE_CORRUPT', `Session id ${JSON.stringify(sessionId)} cannot name a log file: ids are letters, digits, '.', '_' and '-'.`, {
      hint: 'The session store holds a record genie did not write. Run `genie doctor` to check it.',
      details: { sessionId },
    });
  }
  return join(logsDir, `${sessionId}.jsonl`);
}
