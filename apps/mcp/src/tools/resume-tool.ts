import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderSessionView, renderStarted } from '../render/render-session';
import { awaitTurn } from './await-turn';
import { sessionViewShape, toSessionViewOutput } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

export function registerResumeTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'resume',
    {
      title: 'Resume a session',
      description:
        'Send a follow-up prompt to an existing session; the agent continues the same conversation. ' +
        'Returns at once; then call wait (it blocks until the turn ends) for the answer, or subscribe to genie://sessions/{sessionId}; ' +
        'do not poll view. With background: false the call waits for the turn to end. A worktree session always continues in its worktree.',
      inputSchema: {
        sessionId: z.string().min(1).describe('Session id, unique id prefix (6+ characters) or friendly name'),
        prompt: z.string().min(1).describe('The follow-up prompt'),
        background: z.boolean().default(true).describe('Return at once (default) or wait for the turn to end'),
        worktree: z
          .boolean()
          .optional()
          .describe('true: only resume if the session runs in its own git worktree; false: only if it runs in the workspace (its directory never changes)'),
        maxBudgetUsd: z.number().positive().optional().describe('Set the session\'s budget in USD from this turn on (e.g. to continue past it)'),
      },
      outputSchema: sessionViewShape,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    async ({ sessionId, prompt, background, worktree, maxBudgetUsd }, extra) => {
      try {
        const current = await genie.view({ session: sessionId });
        await policy.assertMayResume(current.agent);
        const started = await genie.resume({
          session: current.sessionId,
          prompt,
          background: true,
          ...(worktree === undefined ? {} : { worktree }),
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
