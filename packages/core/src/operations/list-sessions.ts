import { isGenieError } from '@genie/errors';
import { toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import type { ListSessionsOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';

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

/** Every listed session's record: every status, newest first, dead runners marked `lost` first. */
async function listedRecords(context: GenieContext, options: ListSessionsOptions): Promise<SessionEntry[]> {
  const launch = await context.launchContext();
  await reconcileActive(launch);
  const filter = options.agent === undefined ? options : { ...options, agent: agentIdOf(context, options.agent) };
  return launch.storage.list(filter);
}

export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  return (await listedRecords(context, options)).map(toSessionSummary);
}

/** `{"sessions":[...]}`, what `list sessions --json` prints, rendered from the records. */
export async function listSessionsJson(context: GenieContext, options: ListSessionsOptions = {}): Promise<Buffer> {
  return Buffer.from(JSON.stringify({ sessions: await listSessions(context, options) }));
}
