import { isGenieError } from '@genie/errors';
import type { ListSessionsOptions, SessionSummary } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';
import { toSessionSummary } from '../sessions/session-summary';

/**
 * The agent id a filter means: `reviewer` finds the sessions of `qa/reviewer`. Sessions
 * of agents that no longer exist are still found by the id they were recorded with.
 */
function agentIdOf(context: GenieContext, agent: string): string {
  try {
    return context.agents().resolve(agent).id;
  } catch (error) {
    if (isGenieError(error)) return agent;
    throw error;
  }
}

/** Sessions of every status, newest first, after dead runners have been marked `lost`. */
export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  const launch = await context.launchContext();
  await reconcileActive(launch);
  const filter = options.agent === undefined ? options : { ...options, agent: agentIdOf(context, options.agent) };
  const entries = await launch.storage.list(filter);
  return entries.map(toSessionSummary);
}
