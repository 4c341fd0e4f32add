import { isGenieError } from '@genie/errors';
import { toSessionSummary, type SessionSummary } from '@genie/session-schema';
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

/** The JSON of each listed session's summary: every status, newest first, dead runners marked `lost` first. */
async function listedSummaries(context: GenieContext, options: ListSessionsOptions): Promise<Buffer[]> {
  const launch = await context.launchContext();
  const reconciled = await reconcileActive(launch);
  const filter = options.agent === undefined ? options : { ...options, agent: agentIdOf(context, options.agent) };
  const summaries = await launch.storage.listSummaries(filter);
  return reconciled.length === 0 ? summaries : withSettled(summaries, reconciled, options);
}

/**
 * The listing as reconciliation settled it. Normally the store holds that already; on a
 * full disk it could not be written, and the list answers read-only with the settled
 * records (a session whose runner is gone shows `lost`, not `running`).
 */
function withSettled(summaries: Buffer[], reconciled: Reconciliation[], options: ListSessionsOptions): Buffer[] {
  const settled = new Map(reconciled.map((change) => [change.sessionId, change.entry]));
  const wanted = options.status ? new Set<string>(Array.isArray(options.status) ? options.status : [options.status]) : undefined;
  const result: Buffer[] = [];
  for (const summary of summaries) {
    const { sessionId } = JSON.parse(summary.toString('utf8')) as SessionSummary;
    const entry = settled.get(sessionId);
    if (!entry) result.push(summary);
    else if (!wanted || wanted.has(String(entry.status))) result.push(Buffer.from(JSON.stringify(toSessionSummary(entry))));
  }
  return result;
}

const COMMA = Buffer.from(',');

/** `[<summary>,<summary>,...]` between `before` and `after`. */
function jsonArray(summaries: Buffer[], before: string, after: string): Buffer {
  const parts: Buffer[] = [Buffer.from(before)];
  summaries.forEach((summary, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(summary);
  });
  parts.push(Buffer.from(after));
  return Buffer.concat(parts);
}

export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  return JSON.parse(jsonArray(await listedSummaries(context, options), '[', ']').toString('utf8')) as SessionSummary[];
}

export async function listSessionsJson(context: GenieContext, options: ListSessionsOptions = {}): Promise<Buffer> {
  return jsonArray(await listedSummaries(context, options), '{"sessions":[', ']}');
}
