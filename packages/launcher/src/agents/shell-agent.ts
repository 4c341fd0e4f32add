import type { ExecutorSettings } from '../executors/executor';

export interface BuiltinAgentSpec {
  id: string;
  executor: string;
  description: string;
  settings: ExecutorSettings;
}

/**
 * The built-in `shell` agent: runs its prompt as a bash script, so genie does real work
 * on a machine without any agent CLI. `--` keeps a prompt starting with `-` from being
 * read as a bash option.
 */
export const SHELL_AGENT: BuiltinAgentSpec = {
  id: 'shell',
  executor: 'command',
  description: 'Runs the prompt as a bash command line (bash -lc) in the workspace.',
  settings: { runArgs: ['bash', '-lc', '--', '{prompt}'] },
};
