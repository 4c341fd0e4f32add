import { GenieError, isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';

/**
 * A failure reading a session's event log, as a STORE_IO naming the file and the
 * session, instead of a bare node error. Errors that already are GenieErrors pass through.
 */
export function logReadError(error: unknown, file: string, entry: SessionEntry): unknown {
  // The launcher's readers already say what failed and what to do; this adds which session.
  const fromLauncher = isGenieError(error, 'STORE_IO') ? error : undefined;
  const cause: unknown = fromLauncher ? fromLauncher.cause : error;
  if ((isGenieError(error) && !fromLauncher) || typeof (cause as NodeJS.ErrnoException | null)?.message !== 'string') return error;
  // Duck-typed: node's errors are not instances of Error from another realm (e.g. a vm context).
  const reason = (cause as Error).message;
  const session = entry.name ?? entry.sessionId;
  return new GenieError('STORE_IO', `Cannot read the event log of session ${session} (${file}): ${reason}`, {
    hint: fromLauncher?.hint ?? `Make ${file} a readable file again (it is written by genie), or check its permissions.`,
    details: { sessionId: entry.sessionId, file, errno: (cause as NodeJS.ErrnoException).code ?? null },
    cause,
  });
}
