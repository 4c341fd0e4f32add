import type { SessionEntry } from '@genie/session-schema';
import { runForegroundTurn, startBackgroundTurn, type TurnPlan } from '@genie/launcher';
import type { SessionView, TranscriptEvent } from '../api-types';
import type { GenieContext } from '../genie-context';
import { toSessionView } from '../sessions/session-view';
import { viewAfterChange } from '../sessions/view-after-change';

export interface TurnCallbacks {
  background: boolean;
  onStart?: (session: SessionView) => void;
  onEvent?: (event: TranscriptEvent) => void;
  signal?: AbortSignal;
}

/**
 * Starts a turn (of an existing record, or of a new one the plan creates). In the
 * background it returns as soon as the supervisor owns the turn; in the foreground it
 * returns when the turn has ended. `onStart` fires once the record is claimed.
 *
 * The claim is the only store write before the turn starts, and it records everything
 * (background included): a turn starts only once its record is committed, and nothing
 * after the start can turn the command into an error, so a client that retries a failed
 * command never runs a prompt twice.
 */
export async function startTurn(
  context: GenieContext,
  plan: TurnPlan,
  callbacks: TurnCallbacks,
): Promise<SessionView> {
  const launch = await context.launchContext();
  const claimed: TurnPlan = { ...plan, background: callbacks.background };
  if (callbacks.background) {
    const started = await startBackgroundTurn(launch, claimed);
    callbacks.onStart?.(toSessionView(started, null));
    return viewAfterChange(launch.logsDir, started);
  }
  const finished = await runForegroundTurn(launch, claimed, {
    onBegin: (begun: SessionEntry) => callbacks.onStart?.(toSessionView(begun, null)),
    ...(callbacks.onEvent ? { onEvent: callbacks.onEvent } : {}),
    ...(callbacks.signal ? { signal: callbacks.signal } : {}),
  });
  return viewAfterChange(launch.logsDir, finished);
}
