import type { SessionEntry } from '@genie/session-schema';
import { processStartTime } from '../process/process-identity';
import { superviseTurn } from '../supervisor/supervise-turn';
import type { TranscriptEvent } from '../transcript/transcript-types';
import { beginTurn, newTurnId } from './begin-turn';
import { envOf } from './context-defaults';
import type { LaunchContext, TurnPlan } from './launch-context';

export interface ForegroundOptions {
  /** Each rendered event of the turn, as it happens. */
  onEvent?: (event: TranscriptEvent) => void;
  /** Abort (Ctrl-C) stops the executor and every process of the session; the turn ends `stopped`. */
  signal?: AbortSignal;
  /** Called once the session is claimed for this turn (created, for a new one), before the agent starts. */
  onBegin?: (entry: SessionEntry) => void;
}

/** Runs a turn in this process with the same supervision as a background one; resolves when it ends. */
export async function runForegroundTurn(ctx: LaunchContext, plan: TurnPlan, options: ForegroundOptions = {}): Promise<SessionEntry> {
  const runner = { pid: process.pid, startTime: processStartTime(process.pid) };
  const { entry, spec } = await beginTurn(ctx, plan, newTurnId(), runner);
  options.onBegin?.(entry);
  return superviseTurn({
    storage: ctx.storage,
    spec,
    env: envOf(ctx),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
