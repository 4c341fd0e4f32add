import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isGenieError, type GenieError } from '@genie/errors';
import type { AgentSummary } from '@genie/core';
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

/**
 * The library's hints are written for a person at a shell (`genie view x --follow`,
 * `--name`); where a tool call is the next step, that step replaces the hint.
 */
const NEXT_TOOL_CALL: Partial<Record<string, string>> = {
  SESSION_NOT_FOUND: 'Call list_sessions to see the sessions of this workspace, then pass a sessionId or name from it.',
  SESSION_AMBIGUOUS: 'Pass the full sessionId or the session name (list_sessions shows both).',
  AGENT_AMBIGUOUS: 'Pass the full agent id (list_agents shows them).',
  SESSION_BUSY: 'Call wait to let the running turn finish, or stop to end it, then resume.',
  NAME_TAKEN: 'Pass another name, or leave name out for a generated one.',
  BUDGET_EXCEEDED: 'Call resume again with a higher maxBudgetUsd (more than it has spent) to continue, or start a new session with run.',
  NOT_A_GIT_REPOSITORY: 'Call run without worktree, or make the workspace a git repository first.',
  WORKTREE_MISSING: 'Start a new session with run and worktree: true to continue the work; its branch may still be merged or checked out by hand.',
  SESSION_NOT_RESUMABLE: 'Its transcript is kept: read it with view and full: true, then start a new session with run, passing what it needs from it.',
};

async function describeFailure(error: unknown, policy: AgentPolicy): Promise<string> {
  if (!isGenieError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `[INTERNAL] ${message}\nThis is a bug in genie's MCP server; the session store is unchanged unless a session id was returned.`;
  }
  switch (error.code) {
    case 'AGENT_NOT_FOUND':
      return agentNotFound(error, policy);
    case 'FORBIDDEN':
      return [`[${error.code}] ${error.describe()}`, await availableAgents(policy)].join('\n');
    case 'INVALID_INPUT':
      return `[${error.code}] ${invalidInput(error)}`;
    default: {
      const next = NEXT_TOOL_CALL[error.code];
      return next ? `[${error.code}] ${error.message}\n${next}` : `[${error.code}] ${error.describe()}`;
    }
  }
}

/** A session name is the `name` parameter here, not the CLI's `--name` option; likewise agent, base and worktree. */
function invalidInput(error: GenieError): string {
  const details = error.details as { name?: unknown; agent?: unknown; base?: unknown; ref?: unknown } | undefined;
  if (details && typeof details.name === 'string') return `${error.message}\nPass a name like "fix-login-bug", or leave name out for a generated one.`;
  if (details && typeof details.agent === 'string') return `${error.message}\nPass an agent id from list_agents (e.g. \`qa/reviewer\`), its basename or its name.`;
  if (details && typeof details.base === 'string') {
    return `base "${details.base}" only applies to a session in its own worktree.\nPass worktree: true as well, or leave out base.`;
  }
  if (details && typeof details.ref === 'string' && details.ref !== 'HEAD') {
    return `${error.message}\nPass as base a branch, tag or commit of this repository, or leave it out to start from HEAD.`;
  }
  return error.describe();
}

/**
 * The library suggests the closest agents of the whole catalog; a client may only run the
 * offered ones (the shell agent is hidden unless the workspace allows it), so only those
 * are suggested.
 */
async function agentNotFound(error: GenieError, policy: AgentPolicy): Promise<string> {
  const offered = await offeredAgents(policy);
  if (offered === undefined) return `[${error.code}] ${error.message}\nCall list_agents to see the available agents.`;
  const details = error.details as { agent?: unknown; closest?: unknown } | undefined;
  const reference = typeof details?.agent === 'string' ? details.agent : undefined;
  if (reference === undefined) return [`[${error.code}] ${error.message}`, availableText(offered)].join('\n');
  const offeredIds = new Set(offered.map((agent) => agent.id));
  const closest = Array.isArray(details?.closest) ? details.closest.filter((id): id is string => typeof id === 'string' && offeredIds.has(id)) : [];
  const suggestion = closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : '';
  return [`[${error.code}] Agent "${reference}" not found.${suggestion}`, availableText(offered)].join('\n');
}

async function offeredAgents(policy: AgentPolicy): Promise<AgentSummary[] | undefined> {
  try {
    return await policy.offeredAgents();
  } catch {
    return undefined;
  }
}

function availableText(agents: AgentSummary[]): string {
  if (agents.length === 0) return 'This workspace has no agents; add one under .genie/agents/.';
  return `Available agents: ${agents.map((agent) => agent.id).join(', ')}.`;
}

async function availableAgents(policy: AgentPolicy): Promise<string> {
  const agents = await offeredAgents(policy);
  return agents === undefined ? 'Call list_agents to see the available agents.' : availableText(agents);
}
