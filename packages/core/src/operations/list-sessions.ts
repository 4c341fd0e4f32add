import type { ListSessionsOptions, SessionSummary } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';
import { toSessionSummary } from '../sessions/session-summary';

/** Sessions of every status, newest first, after dead runners have been marked `lost`. */
export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  const launch = await context.launchContext();
  await reconcileActive(launch);
  const entries = await launch.storage.list(options);
  return entries.map(toSessionSummary);
}
