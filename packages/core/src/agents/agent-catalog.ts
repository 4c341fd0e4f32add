import fs from 'node:fs';
import path from 'node:path';
import { GenieError } from '@genie/errors';
import { distance } from 'fastest-levenshtein';
import { agentBasename, type AgentDefinition } from './agent-definition';
import { normaliseAgentReference } from './agent-reference';
import { builtinAgents } from './builtin-agents';
import { parseAgent } from './parse-agent';

/** Markdown files in the agents folder that document it rather than define an agent. */
const NOT_AGENTS = new Set(['readme.md']);

function agentFiles(dir: string, prefix = ''): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...agentFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile() && entry.name.endsWith('.md') && !NOT_AGENTS.has(entry.name.toLowerCase())) {
      found.push(relative);
    }
  }
  return found;
}

function ambiguous(reference: string, matches: AgentDefinition[], by: string): GenieError {
  const ids = matches.map((agent) => agent.id).sort();
  return new GenieError('INVALID_INPUT', `Agent "${reference}" is ambiguous: ${matches.length} agents match by ${by}: ${ids.join(', ')}.`, {
    hint: `Use the full id, e.g. \`${ids[0]}\`.`,
    details: { agent: reference, candidates: ids },
  });
}

/** Every agent of a workspace: its `.genie/agents/**.md` files plus the built-ins they do not replace. */
export class AgentCatalog {
  private constructor(readonly agents: readonly AgentDefinition[]) {}

  /** Reads and parses every agent file; a bad one throws AGENT_INVALID naming it. */
  static load(agentsDir: string): AgentCatalog {
    const fromFiles = agentFiles(agentsDir).map((relative) => {
      const file = path.join(agentsDir, relative);
      return parseAgent(relative.slice(0, -3), file, fs.readFileSync(file, 'utf8'));
    });
    const ids = new Set(fromFiles.map((agent) => agent.id));
    const builtins = builtinAgents().filter((agent) => !ids.has(agent.id));
    const all = [...fromFiles, ...builtins].sort((a, b) => a.id.localeCompare(b.id));
    return new AgentCatalog(all);
  }

  /** Agents a user can run, sorted by id; hidden ones only when asked. */
  list(options: { includeHidden?: boolean } = {}): AgentDefinition[] {
    return this.agents.filter((agent) => !agent.disabled && (options.includeHidden || !agent.hidden));
  }

  /**
   * Finds an agent by id, then by unique basename, then by `name`. Unknown references
   * throw AGENT_NOT_FOUND listing the closest ids; several matches throw INVALID_INPUT
   * listing them.
   */
  resolve(reference: string): AgentDefinition {
    const wanted = normaliseAgentReference(reference);
    const byId = this.agents.find((agent) => agent.id === wanted);
    if (byId) return byId;
    const byBasename = this.agents.filter((agent) => agentBasename(agent.id) === wanted);
    if (byBasename.length > 1) throw ambiguous(reference, byBasename, 'basename');
    if (byBasename[0]) return byBasename[0];
    const byName = this.agents.filter((agent) => agent.name === wanted);
    if (byName.length > 1) throw ambiguous(reference, byName, 'name');
    if (byName[0]) return byName[0];
    const byNameIgnoringCase = this.agents.filter((agent) => agent.name.toLowerCase() === wanted.toLowerCase());
    if (byNameIgnoringCase.length === 1 && byNameIgnoringCase[0]) return byNameIgnoringCase[0];
    throw this.notFound(reference, wanted);
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

  private notFound(reference: string, wanted: string): GenieError {
    const visible = this.list();
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
