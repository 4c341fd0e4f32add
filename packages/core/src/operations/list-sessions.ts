import { isGenieError } from '@genie/errors';
import { toSessionSummary, type SessionSummary } from '@genie/session-schema';
import type { ListSessionsOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive, type Reconciliation } from '../sessions/reconcile-active';

/**
 * The agent id a filter means: `reviewer` finds the sessions of `qa/reviewer`. Sessions
 * of agents that no longer exist are still found by the id they were recorded with. A
 * name that fits several agents is refused: filtering by it literally would list none.
 */
function agentIdOf(context: GenieContext, agent: string): string {
  try {
    return context.agents().resolve(agent).id;
  } catch (error) {
    if (isGenieError(error) && error.code !== 'AGENT_AMBIGUOUS') return agent;
    throw error;
  }
}

/**
 * The listed sessions' summaries: every status, newest first, dead runners marked `lost`
 * first. The store keeps each summary beside its record, so a list reads no whole record.
 */
export async function listSessions(context: GenieContext, options: ListSessionsOptions = {}): Promise<SessionSummary[]> {
  const launch = await context.launchContext();
  const reconciled = await reconcileActive(launch);
  const filter = options.agent === undefined ? options : { ...options, agent: agentIdOf(context, options.agent) };
  const summaries = await launch.storage.listSummaries(filter);
  return reconciled.length === 0 ? summaries : withSettled(summaries, reconciled, options);
}

/**
 * The summaries as reconciliation settled them. Normally the store holds that already; on
 * a full disk it could not be written, and the list answers read-only with the settled
 * records (a session whose runner is gone shows `lost`, not `running`).
 */
function withSettled(summaries: SessionSummary[], reconciled: Reconciliation[], options: ListSessionsOptions): SessionSummary[] {
  const settled = new Map(reconciled.map((change) => [change.sessionId, change.entry]));
  const wanted = options.status ? new Set<string>(Array.isArray(options.status) ? options.status : [options.status]) : undefined;
  const result: SessionSummary[] = [];
  for (const summary of summaries) {
    const entry = settled.get(summary.sessionId);
    if (!entry) result.push(summary);
    else if (!wanted || wanted.has(String(entry.status))) result.push(toSessionSummary(entry));
  }
  return result;
}

/**
 * Summaries per JSON.stringify call in listSessionsJson. Many small calls would each pay
 * the call's setup; one call for 10,000 sessions builds a 7 MB string that is copied again to
 * be written. Parts of this size are written and dropped while the next is rendered.
 */
const SUMMARIES_PER_PART = 1000;

/**
 * `{"sessions":[...]}`, what `list sessions --json` prints, in parts to write one after
 * another: together, byte for byte `JSON.stringify({ sessions })`. Each part is rendered as it
 * is asked for.
 */
function* sessionsJsonParts(sessions: SessionSummary[]): Generator<string, void, undefined> {
  yield '{"sessions":[';
  for (let start = 0; start < sessions.length; start += SUMMARIES_PER_PART) {
    if (start > 0) yield ',';
    // An array's JSON is `[` + its elements' JSON joined by `,` + `]`: the brackets are dropped.
    yield JSON.stringify(sessions.slice(start, start + SUMMARIES_PER_PART)).slice(1, -1);
  }
  yield ']}';
}

/** The listed sessions as one JSON document, rendered in parts as it is written (see sessionsJsonParts). */
export async function listSessionsJson(context: GenieContext, options: ListSessionsOptions = {}): Promise<Iterable<string>> {
  return sessionsJsonParts(await listSessions(context, options));
}
