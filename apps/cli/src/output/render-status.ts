import type { SessionStatus } from '../genie-types';
import type { Colors } from './colors';

const SYMBOLS: Record<SessionStatus, string> = {
  queued: '⋯',
  starting: '…',
  running: '…',
  completed: '✔',
  failed: '✘',
  stopped: '■',
  lost: '?',
};

export function colorStatus(status: SessionStatus, c: Colors): string {
  switch (status) {
    case 'completed':
      return c.green(status);
    case 'failed':
    case 'lost':
      return c.red(status);
    case 'stopped':
      return c.yellow(status);
    default:
      return c.cyan(status);
  }
}

/** `✔ completed`: the symbol helps on a terminal, the word survives grep and NO_COLOR. */
export function renderStatus(status: SessionStatus, c: Colors): string {
  return `${SYMBOLS[status] ?? '·'} ${colorStatus(status, c)}`;
}

/**
 * `✘ failed: claude exited with code 1 · 12 in · 3 out`: why a turn ended comes right after
 * its status, so the reason reads as one sentence before the figures.
 */
export function renderOutcome(status: SessionStatus, usage: string | null, error: string | null | undefined, c: Colors): string {
  const reason = error ? `${c.dim(':')} ${c.red(error)}` : '';
  return `${renderStatus(status, c)}${reason}${usage ? c.dim(` · ${usage}`) : ''}`;
}
