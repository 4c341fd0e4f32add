import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionView, renderStarted } from '../render/render-session';
import { awaitTurn } from './await-turn';
import { sessionViewShape, toSessionViewOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

export function registerRunTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'run',
    {
      title: 'Run an agent',
      description:
        'Start a new session of a workspace agent on a prompt. Returns the session id and name at once; ' +
        'call wait for the answer. With background: false the call waits for the turn to end.',
      inputSchema: {
        agent: z.string().min(1).describe('Agent id from list_agents'),
        prompt: z.string().min(1).describe('What the agent should do'),
        name: z.string().min(1).max(200).optional().describe('Friendly session name (must be unique); default {agent}-{YYMMDDHHmm}'),
        background: z.boolean().default(true).describe('Return at once (default) or wait for the turn to end'),
      },
      outputSchema: sessionViewShape,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    async ({ agent, prompt, name, background }, extra) => {
      try {
        await policy.assertMayRun(agent);
        const started = await genie.run({ agent, prompt, background: true, ...(name === undefined ? {} : { name }) });
        if (background) return toolSuccess(renderStarted(started), toSessionViewOutput(started));
        const finished = await awaitTurn(genie, started, extra);
        return toolSuccess(renderSessionView(finished), toSessionViewOutput(finished));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
