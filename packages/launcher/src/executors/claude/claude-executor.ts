import { detectCli } from '../detect-cli';
import type { Executor, ExecutorSettings } from '../executor';
import { buildClaudeCommand } from './claude-argv';
import { parseClaudeLine } from './parse-claude-line';

/** Claude Code in print mode with stream-json output. */
export const claudeExecutor: Executor = {
  id: 'claude',
  installHint: 'Install Claude Code: npm install -g @anthropic-ai/claude-code',
  buildCommand: buildClaudeCommand,
  parseLine: parseClaudeLine,
  detect: (settings?: ExecutorSettings) => detectCli(settings?.binary ?? 'claude'),
};
