import type { TranscriptEvent } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { SessionWatcher, TEAM_WATCH_MAX_MS, WATCH_INTERVAL_MS } from '../sessions/session-watcher';

/**
 * Every event the session has logged (or, with `fromStart: false`, only new ones), then
 * new events as they are written, until the running turn ends or `signal` aborts.
 */
export async function* followSession(
  context: GenieContext,
  options: { session: string; fromStart?: boolean; signal?: AbortSignal },
): AsyncGenerator<TranscriptEvent> {
  await context.listenForChanges();
  const entry = await context.readableLog(await findSession(context, options.session));
  const refresh = () => context.readableLog(entry);
  const watcher = new SessionWatcher(await context.launchContext(), entry, options.fromStart === false ? 'now' : 'log', refresh);
  while (!options.signal?.aborted) {
    const step = await watcher.step();
    for (const event of step.events) yield event;
    if (step.ended) return;
    if (step.events.length === 0) await context.waitForChange(entry.sessionId, WATCH_INTERVAL_MS, TEAM_WATCH_MAX_MS, options.signal);
  }
}
