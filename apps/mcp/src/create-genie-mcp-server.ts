import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Genie } from '@genie/core';
import { registerSessionResources } from './resources/session-resources';
import { registerSessionSubscriptions } from './resources/session-subscriptions';
import { AgentPolicy } from './tools/agent-policy';
import { registerListAgentsTool } from './tools/list-agents-tool';
import { registerListSessionsTool } from './tools/list-sessions-tool';
import { registerResumeTool } from './tools/resume-tool';
import { registerRunTool } from './tools/run-tool';
import { registerStopTool } from './tools/stop-tool';
import { registerViewTool } from './tools/view-tool';
import { registerWaitTool } from './tools/wait-tool';
import { SERVER_NAME, SERVER_VERSION } from './server-info';
import { answerInvalidParams } from './transports/invalid-params';
import { sendErrorsWithoutCodePrefix } from './transports/single-error-prefix';

export interface GenieMcpServerOptions {
  /** Reported to clients in `serverInfo` (default `genie`). */
  name?: string;
}

const INSTRUCTIONS = [
  'genie runs coding agents as sessions that are never lost.',
  'Typical flow: list_agents → run {agent, prompt} (returns a session id at once) → wait {sessionId} until finished → view {sessionId};',
  'continue the same conversation with resume {sessionId, prompt}. Sessions persist across restarts; list_sessions finds them.',
  'To learn when a turn ends, call wait (it blocks until the turn ends or its timeout) or subscribe to the resource genie://sessions/{sessionId};',
  'do not poll view or list_sessions in a loop. run with worktree: true gives the session its own git worktree and branch.',
].join(' ');

/**
 * An MCP server exposing one genie workspace. It translates MCP calls to the library and
 * back; it owns no session logic. Connect it to any transport; closing the server does
 * not close `genie`.
 */
export function createGenieMcpServer(genie: Genie, options: GenieMcpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: options.name ?? SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  const context = { genie, policy: new AgentPolicy(genie) };
  registerListAgentsTool(server, context);
  registerListSessionsTool(server, context);
  registerRunTool(server, context);
  registerResumeTool(server, context);
  registerViewTool(server, context);
  registerStopTool(server, context);
  registerWaitTool(server, context);
  registerSessionResources(server, genie);
  registerSessionSubscriptions(server, genie);
  answerInvalidParams(server);
  sendErrorsWithoutCodePrefix(server);
  return server;
}
