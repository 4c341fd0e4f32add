import { isGenieError } from '@genie/errors';
import { toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import type { ListSessionsOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive, type Reconciliation } from '../sessions/reconcile-active';

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
  const reconciled = await reconcileActive(launch);
  const filter = options.agent === undefined ? options : { ...options, agent: agentIdOf(context, options.agent) };
  const records = await launch.storage.list(filter);
  return reconciled.length === 0 ? records : withSettled(records, reconciled, options);
}

/**
 * The records as reconciliation settled them. Normally the store holds that already; on
 * a full disk it could not be written, and the list answers read-only with the settled
 * records (a session whose runner is gone shows `lost`, not `running`).
 */
function withSettled(records: SessionEntry[], reconciled: Reconciliation[], options: ListSessionsOptions): SessionEntry[] {
  const settled = new Map(reconciled.map((change) => [change.sessionId, change.entry]));
  const wanted = options.status ? new Set<string>(Array.isArray(options.status) ? options.status : [options.status]) : undefined;
  const result: SessionEntry[] = [];
  for (const record of records) {
    const entry = settled.get(record.sessionId);
    if (!entry) result.push(record);
    else if (!wanted || wanted.has(String(entry.status))) result.push(entry);
  }
  return result;
}

export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  return (await listedRecords(context, options)).map(toSessionSummary);
}

/** `{"sessions":[...]}`, what `list sessions --json` prints, rendered from the records. */
export async function listSessionsJson(context: GenieContext, options: ListSessionsOptions = {}): Promise<Buffer> {
  return Buffer.from(JSON.stringify({ sessions: await listSessions(context, options) }));
}
