import { detectCli } from '../detect-cli';
import type { Executor } from '../executor';
import { buildCodexCommand } from './codex-argv';
import { parseCodexLine } from './parse-codex-line';

/** OpenAI Codex CLI through `codex exec --json`. */
export const codexExecutor: Executor = {
  id: 'codex',
  installHint: 'Install Codex: npm install -g @openai/codex',
  defaultBinary: 'codex',
  nativeConversations: true,
  buildCommand: buildCodexCommand,
  parseLine: parseCodexLine,
  detect: (settings, place) => detectCli(settings?.binary ?? 'codex', place),
};
