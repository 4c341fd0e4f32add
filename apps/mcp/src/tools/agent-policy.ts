import { SHELL_AGENT_ID, type AgentSummary, type Genie } from '@genie/core';
import { GenieError } from '@genie/errors';

/**
 * Which agents MCP clients may see and run. Clients only reach agents of the workspace
 * catalog; the built-in `shell` agent runs arbitrary commands, so it is offered only
 * when the workspace config sets `mcp.allowShell: true`.
 */
export class AgentPolicy {
  constructor(private readonly genie: Genie) {}

  get shellAllowed(): boolean {
    return this.genie.config.mcp?.allowShell === true;
  }

  isShellAgent(agent: Pick<AgentSummary, 'id' | 'builtin'>): boolean {
    return agent.builtin && agent.id === SHELL_AGENT_ID;
  }

  async offeredAgents(): Promise<AgentSummary[]> {
    const agents = await this.genie.listAgents();
    return this.shellAllowed ? agents : agents.filter((agent) => !this.isShellAgent(agent));
  }

  /**
   * Refuses a reference that could resolve to the built-in shell agent. The comparison is
   * deliberately broader than the catalog's lookup (any case, with or without `.md`):
   * refusing a look-alike is better than ever letting a client reach a shell. A workspace
   * file with the id `shell` replaces the built-in and is then an ordinary agent.
   */
  async assertMayRun(requested: string): Promise<void> {
    if (this.shellAllowed) return;
    const all = await this.genie.listAgents({ includeHidden: true });
    const shell = all.find((agent) => this.isShellAgent(agent));
    if (!shell) return;
    const wanted = comparable(requested);
    if ([shell.id, shell.name].some((name) => comparable(name) === wanted)) throw this.shellRefused();
  }

  /** Resuming a shell session would run the prompt as a command, so it is refused too. */
  async assertMayResume(sessionAgent: string): Promise<void> {
    await this.assertMayRun(sessionAgent);
  }

  private shellRefused(): GenieError {
    return new GenieError('FORBIDDEN', 'The built-in shell agent is not offered over MCP: it runs arbitrary commands.', {
      hint: 'Pick an agent from list_agents. A workspace owner can enable it with `mcp: { allowShell: true }` in .genie/config.yaml, then restart the MCP server (it reads the config when it starts).',
      details: { agent: SHELL_AGENT_ID },
    });
  }
}

function comparable(reference: string): string {
  const trimmed = reference.trim().toLowerCase();
  return trimmed.endsWith('.md') ? trimmed.slice(0, -3) : trimmed;
}
