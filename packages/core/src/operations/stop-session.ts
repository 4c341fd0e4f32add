import { stopSession as stopLauncherSession } from '@genie/launcher';
import type { SessionView, StopOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { lastTurnOf } from '../sessions/read-turns';
import { toSessionView } from '../sessions/session-view';

/**
 * Stops every process of the session (SIGTERM, then SIGKILL after the grace period, or at
 * once when forced); stopping a finished session changes nothing and is no error. In a
 * team, a turn running on another host is ended by that host, and this waits for it.
 */
export async function stopSession(context: GenieContext, options: StopOptions): Promise<SessionView> {
  const found = await findSession(context, options.session);
  const launch = await context.launchContext();
  const graceMs = options.force === true ? 0 : context.config.stop.graceMs;
  // A turn of another host is ended there; meanwhile the caller is told what it waits for.
  const stopped = await stopLauncherSession(launch, found.sessionId, { graceMs, onWaiting: context.warn });
  return toSessionView(stopped, await lastTurnOf(await context.readableLogs(stopped), stopped));
}
