import { Dirent, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GenieError, isGenieError } from '@genie/errors';
import type { AgentDefinition } from './agent-definition';
import { parseAgent } from './parse-agent';

/** Markdown files in the agents folder that document it rather than define an agent. */
const NOT_AGENTS = new Set(['readme.md']);

/** An agent file that could not be used; only resolving its id fails, with `error`. */
export interface BrokenAgent {
  id: string;
  file: string;
  error: GenieError;
}

/** A folder under `.genie/agents/` whose agents could not be seen. */
export interface UnreadableFolder {
  dir: string;
  /** Why, in words (`permission denied`). */
  problem: string;
  hint: string;
}

export interface AgentFolderScan {
  loaded: Array<AgentDefinition | BrokenAgent>;
  unreadable: UnreadableFolder[];
}

export function isBroken(found: AgentDefinition | BrokenAgent): found is BrokenAgent {
  return 'error' in found;
}

/** A read failure in words, and what the user can do about it. */
function describeReadError(error: NodeJS.ErrnoException, target: string, kind: 'file' | 'folder'): { problem: string; hint: string } {
  const permission = kind === 'file' ? `chmod u+r "${target}"` : `chmod u+rx "${target}"`;
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return { problem: 'permission denied', hint: `Give your user read access (${permission}), or move it out of .genie/agents/.` };
    case 'ENOTDIR':
      return { problem: 'it is not a folder', hint: `Replace ${target} with a folder of agent .md files, or remove it.` };
    default:
      return { problem: error.message, hint: `Check that ${target} is a readable ${kind}, or move it out of .genie/agents/.` };
  }
}

function loadAgentFile(agentsDir: string, relative: string): AgentDefinition | BrokenAgent {
  const id = relative.slice(0, -3);
  const file = join(agentsDir, relative);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const { problem, hint } = describeReadError(error as NodeJS.ErrnoException, file, 'file');
    const unreadable = new GenieError('AGENT_INVALID', `Agent file ${file} cannot be read: ${problem}.`, {
      hint,
      details: { file, problem },
    });
    return { id, file, error: unreadable };
  }
  try {
    return parseAgent(id, file, text);
  } catch (error) {
    if (!isGenieError(error, 'AGENT_INVALID')) throw error;
    return { id, file, error };
  }
}

function scanFolder(agentsDir: string, relativeDir: string, scan: AgentFolderScan): void {
  const dir = relativeDir === '' ? agentsDir : join(agentsDir, relativeDir);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && relativeDir === '') return;
    scan.unreadable.push({ dir, ...describeReadError(error as NodeJS.ErrnoException, dir, 'folder') });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) scanFolder(agentsDir, relative, scan);
    else if (entry.isFile() && entry.name.endsWith('.md') && !NOT_AGENTS.has(entry.name.toLowerCase())) {
      scan.loaded.push(loadAgentFile(agentsDir, relative));
    }
  }
}

/**
 * Reads every agent file under `agentsDir` (absent means none). Nothing here throws for
 * a file or folder a user broke: each is reported, so the other agents stay usable.
 */
export function scanAgentFiles(agentsDir: string): AgentFolderScan {
  const scan: AgentFolderScan = { loaded: [], unreadable: [] };
  scanFolder(agentsDir, '', scan);
  return scan;
}
