import type { AgentProblem, AgentSummary } from '../api-types';
import type { AgentDefinition } from '../agents/agent-definition';
import type { GenieContext } from '../genie-context';
import { effectiveExecutor } from './turn-settings';

function toAgentSummary(context: GenieContext, agent: AgentDefinition): AgentSummary {
  const settings = effectiveExecutor(context.config, agent, {}, false);
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    executor: settings.executor,
    model: settings.settings.model ?? null,
    builtin: agent.builtin,
    hidden: agent.hidden,
    file: agent.file,
  };
}

export function listAgents(context: GenieContext, options: { includeHidden?: boolean } = {}): AgentSummary[] {
  return context.agents().list(options).map((agent) => toAgentSummary(context, agent));
}

export function listAgentProblems(context: GenieContext): AgentProblem[] {
  const catalog = context.agents();
  return [
    ...catalog.broken.map((broken) => ({
      agent: broken.id,
      file: broken.file,
      code: broken.error.code,
      message: broken.error.message,
      hint: broken.error.hint ?? null,
    })),
    ...catalog.unreadable.map((folder) => ({
      agent: null,
      file: folder.dir,
      code: 'AGENT_INVALID',
      message: `The agents in ${folder.dir} cannot be read: ${folder.problem}.`,
      hint: folder.hint,
    })),
  ];
}
