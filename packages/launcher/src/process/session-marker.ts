import { readFileSync } from 'node:fs';

/**
 * Every process genie spawns for a session carries this variable, and so do the
 * children it starts unless they scrub their environment. Stop finds escaped
 * descendants (new process group, reparented to init) by it.
 */
export const SESSION_ENV_VAR = 'GENIE_SESSION_ID';

/**
 * The turn a process was started for (a fresh id per turn launch), beside the session's
 * marker: ending one turn must never reach the processes of the session's next turn.
 */
export const TURN_ENV_VAR = 'GENIE_TURN_ID';

/** The genie markers in a process's initial environment; a field is absent when the variable is. */
export interface ProcessMarkers {
  session?: string;
  turn?: string;
}

const SESSION_PREFIX = Buffer.from(`${SESSION_ENV_VAR}=`);
const TURN_PREFIX = Buffer.from(`${TURN_ENV_VAR}=`);

/** The markers in `/proc/<pid>/environ`; empty when the process is gone or unreadable. */
export function readProcessMarkers(pid: number): ProcessMarkers {
  let environ: Buffer;
  try {
    environ = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return {};
  }
  const markers: ProcessMarkers = {};
  let start = 0;
  while (start < environ.length) {
    let end = environ.indexOf(0, start);
    if (end < 0) end = environ.length;
    if (startsWith(environ, start, end, SESSION_PREFIX)) markers.session = environ.toString('utf8', start + SESSION_PREFIX.length, end);
    else if (startsWith(environ, start, end, TURN_PREFIX)) markers.turn = environ.toString('utf8', start + TURN_PREFIX.length, end);
    start = end + 1;
  }
  return markers;
}

/** The session id in a process's initial environment, if any. */
export function readSessionMarker(pid: number): string | undefined {
  return readProcessMarkers(pid).session;
}

function startsWith(buffer: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return end - start > prefix.length && buffer.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;
}
