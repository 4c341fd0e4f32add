import type { Genie, SessionView } from '@genie/core';
import { progressReporter, type ToolExtra } from './progress-reporter';

/**
 * `background: false` over MCP: the turn always runs detached and the tool waits for it.
 * A client that cancels or times out stops waiting, never the agent, so the session
 * outlives the request and can be picked up with wait or view.
 */
export async function awaitTurn(genie: Genie, started: SessionView, extra: ToolExtra): Promise<SessionView> {
  const onEvent = progressReporter(extra);
  return genie.wait({ session: started.sessionId, signal: extra.signal, ...(onEvent ? { onEvent } : {}) });
}
