import { GenieError } from '@genie/errors';
import type { WaitOptions, WaitResult } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { lastTurnOf } from '../sessions/read-turns';
import { SessionWatcher, TEAM_WATCH_MAX_MS, WATCH_INTERVAL_MS } from '../sessions/session-watcher';
import { toSessionView } from '../sessions/session-view';

/**
 * Waits for the session's current turn to end, passing on each of its events (those
 * already logged first).
 * With a timeout it returns the state so far (`finished: false`); an abort throws
 * INTERRUPTED and leaves the turn running.
 */
export async function waitSession(context: GenieContext, options: WaitOptions): Promise<WaitResult> {
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  await context.listenForChanges();
  const start = await findSession(context, options.session);
  // In a team, a turn of another host is read from this host's copy of its log.
  const launch = { ...(await context.launchContext()), logsDir: await context.readableLogs(start) };
  const watcher = new SessionWatcher(launch, start, 'turn', () => context.readableLogs(start));
  for (;;) {
    if (options.signal?.aborted) {
      throw new GenieError('INTERRUPTED', `Stopped waiting for session ${start.name ?? start.sessionId}; its turn goes on.`, {
        hint: `Check on it later with \`genie view ${start.name ?? start.sessionId}\`.`,
        details: { sessionId: start.sessionId },
      });
    }
    const step = await watcher.step();
    for (const event of step.events) options.onEvent?.(event);
    if (step.ended || Date.now() >= deadline) {
      return { ...toSessionView(step.entry, await lastTurnOf(await context.readableLogs(step.entry), step.entry)), finished: step.ended };
    }
    if (step.events.length === 0) {
      const left = Math.max(0, deadline - Date.now());
      await context.waitForChange(start.sessionId, Math.min(WATCH_INTERVAL_MS, left), Math.min(TEAM_WATCH_MAX_MS, left), options.signal);
    }
  }
}
