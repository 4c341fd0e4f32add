import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { renderWaitResult } from '../render/render-session';
import { progressReporter } from './progress-reporter';
import { toWaitResultOutput, waitResultShape } from './session-output';
import type { ToolContext } from './tool-context';
import { toolFailure, toolSuccess } from './tool-results';

/** Below the 60 s request timeout most MCP clients apply, so a plain call never times out. */
export const DEFAULT_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 3600;

export function registerWaitTool(server: McpServer, { genie, policy }: ToolContext): void {
  server.registerTool(
    'wait',
    {
      title: 'Wait for a session',
      description:
        'Wait until the running turn of a session ends, or the timeout passes, and return its status and final answer. ' +
        '`finished: false` means it is still running: call wait again. Returns at once for a session that is not running.',
      inputSchema: {
        sessionId: z.string().min(1).describe('Session id, unique id prefix (6+ characters) or friendly name'),
        timeoutSeconds: z
          .number()
          .positive()
          .max(MAX_WAIT_SECONDS)
          .optional()
          .describe(`Give up waiting after this many seconds (default ${DEFAULT_WAIT_SECONDS})`),
      },
      outputSchema: waitResultShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ sessionId, timeoutSeconds }, extra) => {
      try {
        const onEvent = progressReporter(extra);
        const result = await genie.wait({
          session: sessionId,
          timeoutMs: Math.round((timeoutSeconds ?? DEFAULT_WAIT_SECONDS) * 1000),
          signal: extra.signal,
          ...(onEvent ? { onEvent } : {}),
        });
        return toolSuccess(renderWaitResult(result), toWaitResultOutput(result));
      } catch (error) {
        return toolFailure(error, policy);
      }
    },
  );
}
