import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionView } from '../render/render-session';
import { sessionViewShape, toSessionViewOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

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
        const view = await genie.stop({ session: sessionId });
        return toolSuccess(renderSessionView(view), toSessionViewOutput(view));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
