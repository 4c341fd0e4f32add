import { stopSession as stopLauncherSession } from '@genie/launcher';
import type { SessionView, StopOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { lastTurnOf } from '../sessions/read-turns';
import { toSessionView } from '../sessions/session-view';

/**
 * Stops every process of the session (SIGTERM, then SIGKILL after the grace period, or at
 * once when forced); stopping a finished session changes nothing and is no error.
 */
export async function stopSession(context: GenieContext, options: StopOptions): Promise<SessionView> {
  const found = await findSession(context, options.session);
  const launch = await context.launchContext();
  const graceMs = options.force === true ? 0 : context.config.stop.graceMs;
  const stopped = await stopLauncherSession(launch, found.sessionId, { graceMs });
  return toSessionView(stopped, await lastTurnOf(launch.logsDir, stopped));
}
