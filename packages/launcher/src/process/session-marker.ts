import { readFileSync } from 'node:fs';

/**
 * Every process genie spawns for a session carries this variable, and so do the
 * children it starts unless they scrub their environment. Stop finds escaped
 * descendants (new process group, reparented to init) by it.
 */
export const SESSION_ENV_VAR = 'GENIE_SESSION_ID';

const MARKER_PREFIX = Buffer.from(`${SESSION_ENV_VAR}=`);

/** The session id in a process's initial environment (`/proc/<pid>/environ`), if any. */
export function readSessionMarker(pid: number): string | undefined {
  let environ: Buffer;
  try {
    environ = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return undefined;
  }
  let start = 0;
  while (start < environ.length) {
    let end = environ.indexOf(0, start);
    if (end < 0) end = environ.length;
    if (end - start > MARKER_PREFIX.length && environ.compare(MARKER_PREFIX, 0, MARKER_PREFIX.length, start, start + MARKER_PREFIX.length) === 0) {
      return environ.toString('utf8', start + MARKER_PREFIX.length, end);
    }
    start = end + 1;
  }
  return undefined;
}
