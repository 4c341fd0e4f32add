import type { SessionEntry } from '@genie/session-schema';
import { runForegroundTurn, startBackgroundTurn, type TurnPlan } from '@genie/launcher';
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
 * Starts a turn of an existing record. In the background it returns as soon as the
 * supervisor owns the turn; in the foreground it returns when the turn has ended.
 */
export async function startTurn(
  context: GenieContext,
  entry: SessionEntry,
  plan: TurnPlan,
  callbacks: TurnCallbacks,
): Promise<SessionView> {
  const launch = await context.launchContext();
  // The launcher records the new turn itself; the caller is told at once what it will look like.
  callbacks.onStart?.(
    toSessionView({ ...entry, status: 'starting', lastPrompt: plan.prompt.slice(0, 200), turns: (entry.turns ?? 0) + 1 }, null),
  );
  if (callbacks.background) {
    const started = await startBackgroundTurn(launch, plan);
    return toSessionView(started, await lastTurnOf(started));
  }
  const finished = await runForegroundTurn(launch, plan, {
    ...(callbacks.onEvent ? { onEvent: callbacks.onEvent } : {}),
    ...(callbacks.signal ? { signal: callbacks.signal } : {}),
  });
  return toSessionView(finished, await lastTurnOf(finished));
}
