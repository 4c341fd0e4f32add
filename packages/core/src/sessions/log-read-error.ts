import { GenieError, isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';

/**
 * A failure reading a session's event log, as a STORE_IO naming the file and the
 * session, instead of a bare node error. Errors that already are GenieErrors pass through.
 */
export function logReadError(error: unknown, file: string, entry: SessionEntry): unknown {
  // Duck-typed: node's errors are not instances of Error from another realm (e.g. a vm context).
  if (isGenieError(error) || typeof (error as NodeJS.ErrnoException | null)?.message !== 'string') return error;
  const session = entry.name ?? entry.sessionId;
  return new GenieError('STORE_IO', `Cannot read the event log of session ${session} (${file}): ${(error as Error).message}`, {
    hint: `Make ${file} a readable file again (it is written by genie), or check its permissions.`,
    details: { sessionId: entry.sessionId, file, errno: (error as NodeJS.ErrnoException).code ?? null },
    cause: error,
  });
}
