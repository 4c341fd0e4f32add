import type { Genie } from '@genie/core';
import type { AgentPolicy } from './agent-policy';

/** What every tool handler needs: the library and the rule of which agents are offered. */
export interface ToolContext {
  genie: Genie;
  policy: AgentPolicy;
}
