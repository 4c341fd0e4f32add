import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isGenieError } from '@genie/errors';
import type { AgentPolicy } from './agent-policy';

export function toolSuccess(text: string, structuredContent: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent };
}

/**
 * Turns a thrown error into an `isError` result a model can act on: the stable code,
 * what happened, and what to call next.
 */
export async function toolFailure(error: unknown, policy: AgentPolicy): Promise<CallToolResult> {
  return { content: [{ type: 'text', text: await describeFailure(error, policy) }], isError: true };
}

async function describeFailure(error: unknown, policy: AgentPolicy): Promise<string> {
  if (!isGenieError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `[INTERNAL] ${message}\nThis is a bug in genie's MCP server; the session store is unchanged unless a session id was returned.`;
  }
  const lines = [`[${error.code}] ${error.describe()}`];
  switch (error.code) {
    case 'AGENT_NOT_FOUND':
    case 'FORBIDDEN':
      lines.push(await availableAgents(policy));
      break;
    case 'SESSION_NOT_FOUND':
      lines.push('Call list_sessions to see the sessions of this workspace, then pass a sessionId or name from it.');
      break;
    case 'SESSION_AMBIGUOUS':
      lines.push('Pass the full sessionId or the session name (list_sessions shows both).');
      break;
    case 'SESSION_BUSY':
      lines.push('Call wait to let the running turn finish, or stop to end it.');
      break;
    default:
      break;
  }
  return lines.join('\n');
}

async function availableAgents(policy: AgentPolicy): Promise<string> {
  try {
    const agents = await policy.offeredAgents();
    if (agents.length === 0) return 'This workspace has no agents; add one under .genie/agents/.';
    return `Available agents: ${agents.map((agent) => agent.id).join(', ')}.`;
  } catch {
    return 'Call list_agents to see the available agents.';
  }
}
