import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionList } from '../render/render-session';
import { sessionSummarySchema, statusSchema, toSessionSummaryOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

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
        limit: z.number().int().min(1).max(10_000).optional().describe('At most this many sessions (newest first)'),
      },
      outputSchema: { sessions: z.array(sessionSummarySchema) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ status, agent, limit }) => {
      try {
        const sessions = await genie.listSessions({ status, agent, limit });
        return toolSuccess(renderSessionList(sessions), { sessions: sessions.map(toSessionSummaryOutput) });
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
