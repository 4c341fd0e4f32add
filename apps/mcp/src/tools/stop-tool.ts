import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { SessionView } from '@genie/core';
import { z } from 'zod';
import { renderSessionView } from '../render/render-session';
import { sessionViewShape, toSessionViewOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

/**
 * `stop` returns the session either way; a turn this call stopped ended after it was
 * asked, while a repeated stop finds a turn that had ended before.
 */
function stoppedNow(view: SessionView, asked: number): boolean {
  if (view.status !== 'stopped') return false;
  // A turn stopped while still being launched has no record of its end to compare.
  const endedAt = view.lastTurn?.endedAt ? Date.parse(view.lastTurn.endedAt) : Number.NaN;
  return !Number.isFinite(endedAt) || endedAt >= asked;
}

export function registerStopTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'stop',
    {
      title: 'Stop a session',
      description: 'Stop the running turn of a session (the agent and everything it started). The session can be resumed later.',
      inputSchema: {
        sessionId: z.string().min(1).describe('Session id, unique id prefix (6+ characters) or friendly name'),
      },
      outputSchema: sessionViewShape,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ sessionId }) => {
      try {
        const asked = Date.now();
        const view = await genie.stop({ session: sessionId });
        const text = renderSessionView(view);
        return toolSuccess(stoppedNow(view, asked) ? text : `${text}\nIts turn had already ended; there was nothing to stop.`, toSessionViewOutput(view));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
