import type * as BackgroundTurn from './launch/start-background-turn';
import type * as ForegroundTurn from './launch/run-foreground-turn';
import type * as StopTurn from './stop/stop-session';

/**
 * What starts and stops turns, loaded on its first call: it is most of the launcher, and
 * reading sessions (`genie list`, `view`, reconciliation) never runs it.
 */
export const startBackgroundTurn: typeof BackgroundTurn.startBackgroundTurn = async (ctx, plan) =>
  (await import('./launch/start-background-turn.js')).startBackgroundTurn(ctx, plan);

export const runForegroundTurn: typeof ForegroundTurn.runForegroundTurn = async (ctx, plan, options) =>
  (await import('./launch/run-foreground-turn.js')).runForegroundTurn(ctx, plan, options);

export const stopSession: typeof StopTurn.stopSession = async (ctx, sessionId, options) =>
  (await import('./stop/stop-session.js')).stopSession(ctx, sessionId, options);
