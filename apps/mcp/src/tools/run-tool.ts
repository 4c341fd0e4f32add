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
        'then call wait (it blocks until the turn ends) for the answer, or subscribe to genie://sessions/{sessionId}; do not poll view. ' +
        'With background: false the call waits for the turn to end. worktree: true runs it in its own git worktree and branch, ' +
        'so parallel sessions never edit the same checkout.',
      inputSchema: {
        agent: z.string().min(1).describe('Agent id from list_agents'),
        prompt: z.string().min(1).describe('What the agent should do'),
        name: z.string().min(1).max(200).optional().describe('Friendly session name (must be unique); default {agent}-{YYMMDDHHmm}'),
        background: z.boolean().default(true).describe('Return at once (default) or wait for the turn to end'),
        worktree: z
          .boolean()
          .optional()
          .describe('Run in a new git worktree on branch genie/<name> (default: the agent\'s or the workspace\'s setting)'),
        base: z.string().min(1).optional().describe('With worktree: the branch, tag or commit to start from (default HEAD)'),
        maxBudgetUsd: z.number().positive().optional().describe('What the session may cost in USD over all its turns'),
      },
      outputSchema: sessionViewShape,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    async ({ agent, prompt, name, background, worktree, base, maxBudgetUsd }, extra) => {
      try {
        await policy.assertMayRun(agent);
        const started = await genie.run({
          agent,
          prompt,
          background: true,
          ...(name === undefined ? {} : { name }),
          ...(worktree === undefined ? {} : { worktree }),
          ...(base === undefined ? {} : { base }),
          ...(maxBudgetUsd === undefined ? {} : { maxBudgetUsd }),
        });
        if (background) return toolSuccess(renderStarted(started), toSessionViewOutput(started));
        const finished = await awaitTurn(genie, started, extra);
        return toolSuccess(renderSessionView(finished), toSessionViewOutput(finished));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
