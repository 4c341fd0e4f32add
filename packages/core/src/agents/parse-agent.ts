import { GenieError } from '@genie/errors';
import type { ExecutorSettings } from '@genie/launcher';
import { compiledValidators } from '../generated/compiled-validators';
import { readYamlText } from '../yaml-text';
import { agentBasename, type AgentDefinition } from './agent-definition';
import { splitFrontMatter } from './front-matter';

interface FrontMatter {
  name?: string;
  description?: string | null;
  color?: string | null;
  parent?: string | null;
  hidden?: boolean;
  disabled?: boolean;
  genie?: Record<string, unknown> | null;
}

function invalid(file: string, problem: string): GenieError {
  return new GenieError('AGENT_INVALID', `Invalid agent file ${file}: ${problem}`, {
    hint: `Fix the YAML front matter between the \`---\` lines at the top of ${file}, or move the file out of .genie/agents/.`,
    details: { file, problem },
  });
}

function readFrontMatter(file: string, yamlText: string, yamlLine: number): FrontMatter {
  const reading = readYamlText(yamlText, {}, yamlLine);
  if (!reading.ok) throw invalid(file, reading.problem);
  const { data } = reading;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid(file, 'the front matter must be a mapping of keys (name:, description:, genie:, ...)');
  }
  const validate = compiledValidators.agentFrontMatter;
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const key = first?.instancePath.split('/').slice(1).join('.') || '(front matter)';
    throw invalid(file, `${key} ${first?.message ?? 'is invalid'}`);
  }
  return data as FrontMatter;
}

function toolList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value as string[];
  return String(value)
    .split(',')
    .map((tool) => tool.trim())
    .filter((tool) => tool !== '');
}

function settingsOf(genie: Record<string, unknown>): ExecutorSettings {
  const { executor: _executor, background: _background, worktree: _worktree, labels: _labels, mode: _mode, preset: _preset, ...settings } = genie;
  const allowedTools = toolList(genie.allowedTools);
  const disallowedTools = toolList(genie.disallowedTools);
  return {
    ...settings,
    ...(allowedTools ? { allowedTools } : {}),
    ...(disallowedTools ? { disallowedTools } : {}),
  };
}

/** Parses one agent file's text; throws AGENT_INVALID naming the file when its front matter is bad. */
export function parseAgent(id: string, file: string, text: string): AgentDefinition {
  const split = splitFrontMatter(text);
  const front = split.yaml === null ? {} : readFrontMatter(file, split.yaml, split.yamlLine);
  const genie = front.genie ?? {};
  const mode = (genie.mode ?? genie.preset) as string | undefined;
  return {
    id,
    name: front.name ?? agentBasename(id),
    description: front.description ?? null,
    color: front.color ?? null,
    parent: front.parent ?? null,
    hidden: front.hidden ?? false,
    disabled: front.disabled ?? false,
    builtin: false,
    file,
    ...(typeof genie.executor === 'string' ? { executor: genie.executor } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(typeof genie.background === 'boolean' ? { background: genie.background } : {}),
    ...(typeof genie.worktree === 'boolean' ? { worktree: genie.worktree } : {}),
    ...(Array.isArray(genie.labels) ? { labels: [...new Set(genie.labels as string[])].sort() } : {}),
    settings: settingsOf(genie),
    instructions: split.body,
  };
}
