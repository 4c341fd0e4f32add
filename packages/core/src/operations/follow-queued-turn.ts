import { isGenieError } from '@genie/errors';
import type { SessionView, TranscriptEvent } from '../api-types';
import type { GenieContext } from '../genie-context';
import { TEAM_WATCH_MAX_MS } from '../sessions/session-watcher';
import { stopSession } from './stop-session';
import { waitSession } from './wait-session';

export interface QueuedTurnCallbacks {
  onStart?: (session: SessionView) => void;
  onEvent?: (event: TranscriptEvent) => void;
  signal?: AbortSignal;
}

/**
 * Hands back a queued turn: at once in the background; in the foreground, following it
 * like `view --follow` (from wherever a worker runs it) until it ends. An abort (Ctrl-C)
 * stops it, queued or running, and returns the stopped session.
 */
export async function followQueuedTurn(
  context: GenieContext,
  queued: SessionView,
  background: boolean,
  callbacks: QueuedTurnCallbacks,
): Promise<SessionView> {
  callbacks.onStart?.(queued);
  if (background) return queued;
  const { signal } = callbacks;
  await context.listenForChanges();
  // The turn's events are followed once a worker has claimed it (its log then exists).
  for (;;) {
    if (signal?.aborted) return stopSession(context, { session: queued.sessionId });
    const current = await (await context.storage()).get(queued.sessionId);
    if (!current || current.status !== 'queued') break;
    await context.waitForChange(queued.sessionId, TEAM_WATCH_MAX_MS, TEAM_WATCH_MAX_MS, signal);
  }
  try {
    const { finished: _finished, ...view } = await waitSession(context, {
      session: queued.sessionId,
      ...(callbacks.onEvent ? { onEvent: callbacks.onEvent } : {}),
      ...(signal ? { signal } : {}),
    });
    return view;
  } catch (error) {
    if (!isGenieError(error, 'INTERRUPTED') || !signal?.aborted) throw error;
    return stopSession(context, { session: queued.sessionId });
  }
}
