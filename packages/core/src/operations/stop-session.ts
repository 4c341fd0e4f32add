import { stopSession as stopLauncherSession } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import type { SessionView, StopOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { viewAfterChange } from '../sessions/view-after-change';

/**
 * A turn still waiting in the queue is ended `stopped` without running: the record changes
 * first (a worker claims a turn only while its record is `queued` for that job, so it can
 * no longer start it), then the job is cancelled so no worker fetches it at all.
 */
async function stopQueuedTurn(context: GenieContext, found: SessionEntry): Promise<SessionEntry | undefined> {
  let cancelled: SessionEntry['queuedTurn'];
  const storage = await context.storage();
  const updated = await storage.update(found.sessionId, (current) => {
    if (current.status !== 'queued') return current;
    cancelled = current.queuedTurn;
    const { queuedTurn: _queuedTurn, ...rest } = current;
    return {
      ...rest,
      status: 'stopped',
      stoppedAt: new Date().toISOString(),
      exitCode: null,
      signal: null,
      error: 'Stopped while queued: no worker had taken the turn, and none will.',
    };
  });
  if (!cancelled) return undefined;
  await context
    .teamDispatch('Stopping a queued turn')
    .queue.cancel({ id: cancelled.jobId, queue: cancelled.queue })
    // The record says stopped already: a job left behind is dropped by the worker that fetches it.
    .catch(() => undefined);
  return updated;
}

/**
 * Stops every process of the session (SIGTERM, then SIGKILL after the grace period, or at
 * once when forced); stopping a finished session changes nothing and is no error. In a
 * team, a turn running on another host is ended by that host, and this waits for it; a
 * queued turn is taken out of the queue instead.
 */
export async function stopSession(context: GenieContext, options: StopOptions): Promise<SessionView> {
  const found = await findSession(context, options.session);
  const launch = await context.launchContext();
  if (found.status === 'queued') {
    const stopped = await stopQueuedTurn(context, found);
    if (stopped) return viewAfterChange(context.readableLogs(stopped), stopped);
  }
  const graceMs = options.force === true ? 0 : context.config.stop.graceMs;
  // A turn of another host is ended there; meanwhile the caller is told what it waits for.
  const stopped = await stopLauncherSession(launch, found.sessionId, { graceMs, onWaiting: context.warn });
  return viewAfterChange(context.readableLogs(stopped), stopped);
}
