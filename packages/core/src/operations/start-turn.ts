import type { SessionEntry } from '@genie/session-schema';
import { runForegroundTurn, startBackgroundTurn, type LaunchContext, type TurnPlan } from '@genie/launcher';
import type { SessionView, TranscriptEvent } from '../api-types';
import type { GenieContext } from '../genie-context';
import { lastTurnOf } from '../sessions/read-turns';
import { toSessionView } from '../sessions/session-view';

export interface TurnCallbacks {
  background: boolean;
  onStart?: (session: SessionView) => void;
  onEvent?: (event: TranscriptEvent) => void;
  signal?: AbortSignal;
}

/**
 * A record says whether its latest turn runs in the background. A new session is created
 * with it; a resumed one gets it once the launcher has claimed the turn, so a turn
 * refused as busy changes nothing.
 */
async function recordBackground(launch: LaunchContext, sessionId: string, background: boolean): Promise<void> {
  await launch.storage.update(sessionId, (current) => (current.background === background ? current : { ...current, background }));
}

/**
 * Starts a turn (of an existing record, or of a new one the plan creates). In the
 * background it returns as soon as the supervisor owns the turn; in the foreground it
 * returns when the turn has ended. `onStart` fires once the record is claimed.
 */
export async function startTurn(
  context: GenieContext,
  plan: TurnPlan,
  callbacks: TurnCallbacks,
): Promise<SessionView> {
  const launch = await context.launchContext();
  const { background } = callbacks;
  const withBackground = (entry: SessionEntry): SessionEntry => (plan.create ? entry : { ...entry, background });
  if (background) {
    const started = await startBackgroundTurn(launch, plan);
    if (!plan.create) await recordBackground(launch, plan.sessionId, background);
    callbacks.onStart?.(toSessionView(withBackground(started), null));
    return toSessionView(withBackground(started), await lastTurnOf(launch.logsDir, started));
  }
  let recorded: Promise<void> = Promise.resolve();
  const finished = await runForegroundTurn(launch, plan, {
    onBegin: (begun: SessionEntry) => {
      if (!plan.create) {
        recorded = recordBackground(launch, plan.sessionId, background);
        // Awaited once the turn has ended; until then a failure must not go unhandled.
        recorded.catch(() => {});
      }
      callbacks.onStart?.(toSessionView(withBackground(begun), null));
    },
    ...(callbacks.onEvent ? { onEvent: callbacks.onEvent } : {}),
    ...(callbacks.signal ? { signal: callbacks.signal } : {}),
  });
  await recorded;
  return toSessionView(withBackground(finished), await lastTurnOf(launch.logsDir, finished));
}
