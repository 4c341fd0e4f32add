import { GenieError } from '@genie/errors';
import { distance } from 'fastest-levenshtein';
import { agentBasename, type AgentDefinition } from './agent-definition';
import { isBroken, scanAgentFiles, type BrokenAgent, type UnreadableFolder } from './agent-files';
import { normaliseAgentReference } from './agent-reference';
import { builtinAgents } from './builtin-agents';

function ambiguous(reference: string, matches: Array<{ id: string }>, by: string): GenieError {
  const ids = matches.map((agent) => agent.id).sort();
  return new GenieError('AGENT_AMBIGUOUS', `Agent "${reference}" is ambiguous: ${matches.length} agents match by ${by}: ${ids.join(', ')}.`, {
    hint: `Use the full id, e.g. \`${ids[0]}\`.`,
    details: { agent: reference, candidates: ids },
  });
}

/**
 * Every agent of a workspace: its `.genie/agents/**.md` files plus the built-ins they do
 * not replace. One bad file must not break every command, so it is left out with a
 * warning, and only naming that agent fails.
 */
export class AgentCatalog {
  private constructor(
    readonly agents: readonly AgentDefinition[],
    readonly broken: readonly BrokenAgent[],
    readonly unreadable: readonly UnreadableFolder[],
    private readonly warn: (message: string) => void,
  ) {}

  /** Reads and parses every agent file; `warn` hears of the files and folders left out when the catalog is used. */
  static load(agentsDir: string, warn: (message: string) => void = () => {}): AgentCatalog {
    const { loaded, unreadable } = scanAgentFiles(agentsDir);
    const fromFiles = loaded.filter((found): found is AgentDefinition => !isBroken(found));
    const broken = loaded.filter(isBroken);
    // A broken file still claims its id: it must not silently fall back to a built-in.
    const ids = new Set(loaded.map((found) => found.id));
    const builtins = builtinAgents().filter((agent) => !ids.has(agent.id));
    const all = [...fromFiles, ...builtins].sort((a, b) => a.id.localeCompare(b.id));
    return new AgentCatalog(all, broken, unreadable, warn);
  }

  /** Agents a user can run, sorted by id; hidden ones only when asked. */
  list(options: { includeHidden?: boolean } = {}): AgentDefinition[] {
    this.reportBroken();
    return this.visible(options);
  }

  /**
   * Finds an agent by id, then by unique basename, then by `name`. Unknown references
   * throw AGENT_NOT_FOUND listing the closest ids; several matches throw AGENT_AMBIGUOUS
   * listing them; an agent whose file is broken throws its AGENT_INVALID.
   */
  resolve(reference: string): AgentDefinition {
    let found: AgentDefinition | BrokenAgent | undefined;
    try {
      found = this.find(reference);
    } finally {
      this.reportBroken(found);
    }
    if (isBroken(found)) throw found.error;
    return found;
  }

  /** Like resolve, but refuses disabled agents. */
  resolveRunnable(reference: string): AgentDefinition {
    const agent = this.resolve(reference);
    if (agent.disabled) {
      throw new GenieError('INVALID_INPUT', `Agent "${agent.id}" is disabled (disabled: true in ${agent.file ?? 'its definition'}).`, {
        hint: 'Remove `disabled: true` from its front matter to run it.',
        details: { agent: agent.id },
      });
    }
    return agent;
  }

  private find(reference: string): AgentDefinition | BrokenAgent {
    const wanted = normaliseAgentReference(reference);
    const byId = this.agents.find((agent) => agent.id === wanted) ?? this.broken.find((agent) => agent.id === wanted);
    if (byId) return byId;
    const byBasename = [...this.agents, ...this.broken].filter((agent) => agentBasename(agent.id) === wanted);
    if (byBasename.length > 1) throw ambiguous(reference, byBasename, 'basename');
    if (byBasename[0]) return byBasename[0];
    const byName = this.agents.filter((agent) => agent.name === wanted);
    if (byName.length > 1) throw ambiguous(reference, byName, 'name');
    if (byName[0]) return byName[0];
    const byNameIgnoringCase = this.agents.filter((agent) => agent.name.toLowerCase() === wanted.toLowerCase());
    if (byNameIgnoringCase.length === 1 && byNameIgnoringCase[0]) return byNameIgnoringCase[0];
    throw this.notFound(reference, wanted);
  }

  /** Warns about every file and folder left out, but the file being reported as an error. */
  private reportBroken(except?: AgentDefinition | BrokenAgent): void {
    for (const agent of this.broken) {
      if (agent === except) continue;
      const problem = String(agent.error.details.problem ?? agent.error.message);
      this.warn(`Skipped agent "${agent.id}": ${agent.file}: ${problem}. ${agent.error.hint ?? ''}`.trim());
    }
    for (const folder of this.unreadable) {
      this.warn(`Skipped the agents in ${folder.dir}: ${folder.problem}. ${folder.hint}`);
    }
  }

  private visible(options: { includeHidden?: boolean } = {}): AgentDefinition[] {
    return this.agents.filter((agent) => !agent.disabled && (options.includeHidden || !agent.hidden));
  }

  private notFound(reference: string, wanted: string): GenieError {
    const [folder] = this.unreadable;
    if (folder) {
      const folders = this.unreadable.map((unreadable) => unreadable.dir);
      return new GenieError('AGENT_INVALID', `Agent "${reference}" not found, and ${folders.join(', ')} cannot be read (${folder.problem}), so it may be there.`, {
        hint: folder.hint,
        details: { agent: reference, unreadable: folders },
      });
    }
    const visible = this.visible();
    const closest = visible
      .map((agent) => ({
        id: agent.id,
        score: Math.min(distance(wanted, agent.id), distance(wanted, agentBasename(agent.id)), distance(wanted.toLowerCase(), agent.name.toLowerCase())),
      }))
      .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
      .slice(0, 3)
      .map((candidate) => candidate.id);
    const suggestion = closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : '';
    return new GenieError('AGENT_NOT_FOUND', `Agent "${reference}" not found.${suggestion}`, {
      hint: 'Run `genie list agents` to see every agent, or add one as .genie/agents/<id>.md.',
      details: { agent: reference, closest, available: visible.map((agent) => agent.id) },
    });
  }
}
