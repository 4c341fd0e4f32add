import { stopSession as stopLauncherSession } from '@genie/launcher';
import type { SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { lastTurnOf } from '../sessions/read-turns';
import { toSessionView } from '../sessions/session-view';

/** Stops every process of the session; stopping a finished session changes nothing and is no error. */
export async function stopSession(context: GenieContext, options: { session: string }): Promise<SessionView> {
  const found = await findSession(context, options.session);
  const launch = await context.launchContext();
  const stopped = await stopLauncherSession(launch, found.sessionId, { graceMs: context.config.stop.graceMs });
  return toSessionView(stopped, await lastTurnOf(stopped));
}
