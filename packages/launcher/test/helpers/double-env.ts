import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { binDir } from '@genie/test-doubles';

/** Environment under which `claude` and `codex` are the strict doubles, storing conversations under `dir`. */
export function doubleEnv(dir: string): NodeJS.ProcessEnv {
  const claudeDir = path.join(dir, 'claude-config');
  const codexDir = path.join(dir, 'codex-home');
  mkdirSync(claudeDir, { recursive: true });
  mkdirSync(codexDir, { recursive: true });
  return {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    CLAUDE_CONFIG_DIR: claudeDir,
    CODEX_HOME: codexDir,
    GENIE_DOUBLE_ARGV_LOG: path.join(dir, 'argv.jsonl'),
  };
}
