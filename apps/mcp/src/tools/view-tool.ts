import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionView } from '../render/render-session';
import { sessionViewShape, toSessionViewOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

export function registerViewTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'view',
    {
      title: 'View a session',
      description:
        'Show a session: status, last prompt, final answer, usage and cost, worktree and branch. With full: true, every turn with its messages and tool calls. ' +
        'To wait for a running turn, call wait instead of calling view repeatedly.',
      inputSchema: {
        sessionId: z.string().min(1).describe('Session id, unique id prefix (6+ characters) or friendly name'),
        full: z.boolean().default(false).describe('Include every turn of the transcript'),
      },
      outputSchema: sessionViewShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sessionId, full }) => {
      try {
        const view = await genie.view({ session: sessionId, full });
        return toolSuccess(renderSessionView(view), toSessionViewOutput(view));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
