import { closeSync, openSync } from 'node:fs';
import { GenieError, isGenieError } from '@genie/errors';
import { READ_LOG_FLAGS } from '../event-log/log-file-flags';

function hintFor(file: string, code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Give your user read permission on it (e.g. \`chmod u+rw ${file}\`); genie writes it for the user who runs the session.`;
    case 'ELOOP':
      return `A symbolic link stands where the log belongs, and genie never follows one there: remove it (\`rm ${file}\`).`;
    case 'EISDIR':
      return `A directory stands where the log belongs: move it away so the session's log can be read and written again.`;
    default:
      return 'Check that the file and its disk are readable, then try again.';
  }
}

/**
 * A failure reading a session's event log as a STORE_IO that names the file and what to
 * do, instead of a bare node error. A log that does not exist is not a failure: callers
 * treat it as a session without turns before they get here.
 */
export function logReadError(error: unknown, file: string): GenieError {
  if (isGenieError(error)) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  return new GenieError('STORE_IO', `Cannot read the event log ${file}: ${reason}`, {
    hint: hintFor(file, code),
    details: { file, errno: code ?? null },
    cause: error,
  });
}

/**
 * Runs `read` on the open log and closes it after; a log that does not exist gives
 * `missing`, and any other failure becomes a STORE_IO naming the log.
 */
export function withOpenLog<T>(file: string, missing: T, read: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(file, READ_LOG_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return missing;
    throw logReadError(error, file);
  }
  try {
    return read(fd);
  } catch (error) {
    throw logReadError(error, file);
  } finally {
    closeSync(fd);
  }
}
