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
  const entry = await findSession(context, options.session);
  // In a team, a turn of another host is read from this host's copy of its log.
  const launch = { ...(await context.launchContext()), logsDir: await context.readableLogs(entry) };
  const watcher = new SessionWatcher(launch, entry, options.fromStart === false ? 'now' : 'log', () => context.readableLogs(entry));
  while (!options.signal?.aborted) {
    const step = await watcher.step();
    for (const event of step.events) yield event;
    if (step.ended) return;
    if (step.events.length === 0) await context.waitForChange(entry.sessionId, WATCH_INTERVAL_MS, TEAM_WATCH_MAX_MS, options.signal);
  }
}
