import type { AgentDefinition } from './agent-definition';

export const SHELL_AGENT_ID = 'shell';

/**
 * Agents that exist without any file, so genie does real work in a directory with no
 * `.genie/` and on a machine with no agent CLI. A workspace file with the same id
 * replaces a built-in.
 */
export function builtinAgents(): AgentDefinition[] {
  return [
    {
      id: SHELL_AGENT_ID,
      name: SHELL_AGENT_ID,
      description: 'Runs the prompt as a bash command line (bash -lc) in the workspace.',
      color: null,
      parent: null,
      hidden: false,
      disabled: false,
      builtin: true,
      file: null,
      executor: 'command',
      settings: { runArgs: ['bash', '-lc', '{prompt}'] },
      instructions: '',
    },
  ];
}
