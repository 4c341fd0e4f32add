import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderAgentList } from '../render/render-session';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

const agentSchema = z.object({
  id: z.string().describe('Pass this as `agent` to run'),
  name: z.string(),
  description: z.string().nullable(),
  executor: z.string(),
  model: z.string().nullable(),
});

export function registerListAgentsTool(server: McpServer, { policy }: ToolContext): void {
  server.registerTool(
    'list_agents',
    {
      title: 'List agents',
      description: 'List the agents of this genie workspace (id, name, description, executor). Pass an id to run.',
      inputSchema: {},
      outputSchema: { agents: z.array(agentSchema) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      try {
        const agents = await policy.offeredAgents();
        const output = agents.map(({ id, name, description, executor, model }) => ({ id, name, description, executor, model }));
        return toolSuccess(renderAgentList(agents), { agents: output });
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
