import { detectCli } from '../detect-cli';
import type { Executor, ExecutorSettings } from '../executor';
import { buildCodexCommand } from './codex-argv';
import { parseCodexLine } from './parse-codex-line';

/** OpenAI Codex CLI through `codex exec --json`. */
export const codexExecutor: Executor = {
  id: 'codex',
  installHint: 'Install Codex: npm install -g @openai/codex',
  buildCommand: buildCodexCommand,
  parseLine: parseCodexLine,
  detect: (settings?: ExecutorSettings) => detectCli(settings?.binary ?? 'codex'),
};
