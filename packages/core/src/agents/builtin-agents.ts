import { SHELL_AGENT } from '@genie/launcher';
import type { AgentDefinition } from './agent-definition';

/** Id of the built-in agent that runs its prompt as a bash script (MCP offers it only when allowed). */
export const SHELL_AGENT_ID = SHELL_AGENT.id;

/**
 * Agents that exist without any file, so genie does real work in a directory with no
 * `.genie/` and on a machine with no agent CLI. A workspace file with the same id
 * replaces a built-in.
 */
export function builtinAgents(): AgentDefinition[] {
  return [
    {
      id: SHELL_AGENT.id,
      name: SHELL_AGENT.id,
      description: SHELL_AGENT.description,
      color: null,
      parent: null,
      hidden: false,
      disabled: false,
      builtin: true,
      file: null,
      executor: SHELL_AGENT.executor,
      settings: { ...SHELL_AGENT.settings },
      instructions: '',
    },
  ];
}
