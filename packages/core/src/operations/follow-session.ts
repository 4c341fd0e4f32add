import type { TranscriptEvent } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { pause } from '../sessions/pause';
import { SessionWatcher, WATCH_INTERVAL_MS } from '../sessions/session-watcher';

/**
 * Every event the session has logged (or, with `fromStart: false`, only new ones), then
 * new events as they are written, until the running turn ends or `signal` aborts.
 */
export async function* followSession(
  context: GenieContext,
  options: { session: string; fromStart?: boolean; signal?: AbortSignal },
): AsyncGenerator<TranscriptEvent> {
  const entry = await findSession(context, options.session);
  const watcher = new SessionWatcher(await context.launchContext(), entry, options.fromStart === false ? 'now' : 'log');
  while (!options.signal?.aborted) {
    const step = await watcher.step();
    for (const event of step.events) yield event;
    if (step.ended) return;
    if (step.events.length === 0) await pause(WATCH_INTERVAL_MS, options.signal);
  }
}
