import { detectCli } from '../detect-cli';
import type { Executor } from '../executor';
import { buildClaudeCommand } from './claude-argv';
import { parseClaudeLine } from './parse-claude-line';

/** Claude Code in print mode with stream-json output. */
export const claudeExecutor: Executor = {
  id: 'claude',
  installHint: 'Install Claude Code: npm install -g @anthropic-ai/claude-code',
  defaultBinary: 'claude',
  nativeConversations: true,
  buildCommand: buildClaudeCommand,
  parseLine: parseClaudeLine,
  detect: (settings, place) => detectCli(settings?.binary ?? 'claude', place),
};
