import type { SessionView } from '@genie/core';

/**
 * A turn this `stop` stopped ended after it was asked, while a second `stop` finds a turn
 * that had ended before.
 */
function stoppedNow(view: SessionView, askedAtMs: number): boolean {
  if (view.status !== 'stopped') return false;
  // A turn stopped while still being launched has no record of its end to compare.
  const endedAt = view.lastTurn?.endedAt ? Date.parse(view.lastTurn.endedAt) : Number.NaN;
  return !Number.isFinite(endedAt) || endedAt >= askedAtMs;
}

/**
 * What `genie stop` adds after the status it prints (empty when it stopped the turn). A
 * session found running again was resumed after this stop found nothing to stop: that new
 * turn was not stopped, and the note says how to stop it.
 */
export function stopNote(view: SessionView, askedAtMs: number): string {
  if (stoppedNow(view, askedAtMs)) return '';
  // A turn of another host that was given up for lost says why (its host went away).
  if (view.status === 'lost' && view.error) return `\n${view.error}`;
  if (view.status === 'queued' || view.status === 'starting' || view.status === 'running') {
    return ` (nothing was running when asked; a turn started since: \`genie stop ${view.name ?? view.sessionId}\` stops it)`;
  }
  return ' (it had already ended; nothing to stop)';
}
