import type { ExecutorSettings } from '@genie/launcher';

/** An agent as genie runs it: from a `.genie/agents/**.md` file or built in. */
export interface AgentDefinition {
  /** Path under `.genie/agents/` without `.md` (`qa/reviewer`), or the built-in id. */
  id: string;
  /** Front matter `name`, else the basename of the id. */
  name: string;
  description: string | null;
  color: string | null;
  parent: string | null;
  hidden: boolean;
  disabled: boolean;
  builtin: boolean;
  /** Absolute path of the agent file; null for built-ins. */
  file: string | null;
  /** `genie.executor`; absent means the mode's or the config's default. */
  executor?: string;
  /** `genie.mode` (or its predecessor alias `genie.preset`). */
  mode?: string;
  background?: boolean;
  /** `genie.worktree`: sessions of this agent run in their own git worktree. */
  worktree?: boolean;
  /** `genie.labels`: in queue mode, only a `genie worker` with every one of these labels takes its turns. */
  labels?: string[];
  /** Every other `genie:` key, handed to the executor. */
  settings: ExecutorSettings;
  /** The markdown body; reaches the agent as its instructions. */
  instructions: string;
}

/** Last path segment of an agent id (`qa/reviewer` -> `reviewer`). */
export function agentBasename(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
