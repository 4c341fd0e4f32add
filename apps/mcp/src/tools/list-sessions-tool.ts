import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionList } from '../render/render-session';
import { sessionSummarySchema, statusSchema, toSessionSummaryOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

/**
 * Without a limit only this many of the newest sessions are listed: a workspace's whole
 * history (thousands of sessions with long prompts and answers) would make one response
 * larger than MCP clients accept over stdio (the SDK's cap is 10 MB) and than a model's context.
 */
export const DEFAULT_LISTED_SESSIONS = 100;

export function registerListSessionsTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'list_sessions',
    {
      title: 'List sessions',
      description:
        'List the sessions of this workspace, newest first, with statuses reconciled (a session whose runner died shows `lost`). ' +
        'To wait for one session, call wait rather than listing repeatedly.',
      inputSchema: {
        status: statusSchema.optional().describe('Only sessions with this status'),
        agent: z.string().min(1).optional().describe('Only sessions of this agent id'),
        limit: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .optional()
          .describe(`At most this many sessions (newest first); default ${DEFAULT_LISTED_SESSIONS}`),
      },
      outputSchema: {
        sessions: z.array(sessionSummarySchema),
        hasMore: z.boolean().describe('True when older matching sessions were left out; pass a larger limit to see them'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ status, agent, limit }) => {
      try {
        const wanted = limit ?? DEFAULT_LISTED_SESSIONS;
        // One more than wanted tells whether any were left out.
        const found = await genie.listSessions({ status, agent, limit: wanted + 1 });
        const hasMore = found.length > wanted;
        const sessions = hasMore ? found.slice(0, wanted) : found;
        return toolSuccess(renderSessionList(sessions, hasMore), { sessions: sessions.map(toSessionSummaryOutput), hasMore });
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
